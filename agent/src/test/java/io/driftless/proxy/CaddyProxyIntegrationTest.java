package io.driftless.proxy;

import io.driftless.live.RouteTable;
import io.driftless.live.RouteTable.Binding;
import io.driftless.live.Slot;
import io.driftless.rollout.ProxyException;
import io.driftless.testing.CaddyProcess;
import io.driftless.testing.Integration;
import io.driftless.testing.LoadGenerator;
import io.driftless.testing.LoadReport;
import io.driftless.testing.Upstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CaddyProxy against a real Caddy 2.6 routing to two real upstreams, "app v1" (blue) and "app v2" (green). */
@Integration
class CaddyProxyIntegrationTest {
    private CaddyProcess caddy;
    private Upstream v1;
    private Upstream v2;
    private int listenPort;
    private CaddyProxy proxy;

    @BeforeEach
    void start(TestInfo test) throws IOException {
        caddy = CaddyProcess.start("proxy-" + test.getTestMethod().orElseThrow().getName());
        v1 = new Upstream("app v1");
        v2 = new Upstream("app v2");
        listenPort = CaddyProcess.freePort();
        proxy = new CaddyProxy(CaddySettings.defaults(caddy.adminUri()));
    }

    @AfterEach
    void stop() {
        if (caddy != null) {
            caddy.close();
        }
        if (v1 != null) {
            v1.close();
        }
        if (v2 != null) {
            v2.close();
        }
    }

    @Test
    void appliedTableServesTrafficAndReadsBackEqual() throws Exception {
        RouteTable table = table(Slot.BLUE, v1);

        proxy.apply(table);

        assertEquals("app v1", get("/"));
        assertEquals(Optional.of(table), proxy.current());
    }

    @Test
    void switchingBackAndForthUnderLoadFailsNoRequest() throws Exception {
        proxy.apply(table(Slot.BLUE, v1));
        assertEquals("app v1", get("/"));
        LoadGenerator load = new LoadGenerator("127.0.0.1", listenPort, "/", 3, 3, 80, Duration.ofSeconds(90))
                .withoutIdleCheck();
        record Switch(Instant began, Instant loaded, String body) {
        }
        List<Switch> switches = new ArrayList<>();

        load.start();
        Thread.sleep(1000);
        for (int i = 0; i < 8; i++) {
            boolean toGreen = i % 2 == 0;
            Instant began = Instant.now();
            proxy.apply(toGreen ? table(Slot.GREEN, v2) : table(Slot.BLUE, v1));
            switches.add(new Switch(began, Instant.now(), toGreen ? "app v2" : "app v1"));
            Thread.sleep(1000);
        }
        LoadReport report = load.stop();
        System.out.println("LOAD switches=" + switches.size() + " " + report.summary());

        assertEquals(0, report.failed(), report.summary());
        assertTrue(report.requestsPerSecond() >= 60, report.summary());
        assertTrue(report.reusedRequests() >= report.total() / 4, "keep-alive must be exercised: " + report.summary());
        assertTrue(report.connections() >= report.total() / 3, "fresh connections must be exercised: " + report.summary());
        assertOnly("app v1", report.answersBetween(Instant.MIN, switches.getFirst().began()));
        for (int i = 0; i < switches.size(); i++) {
            Switch s = switches.get(i);
            Instant next = i + 1 < switches.size() ? switches.get(i + 1).began() : Instant.MAX;
            // Caddy answers a load once the replaced server is gone, so from then on only the new version
            // answers; the margin covers our own timestamps, taken after the body was read.
            assertOnly(s.body(), report.answersBetween(s.loaded().plusMillis(100), next));
        }
        assertEquals(Optional.of(table(Slot.BLUE, v1)), proxy.current(), "after an even number of switches blue serves");
    }

    @Test
    void restartedCaddyHasNoRoutesUntilTheTableIsAppliedAgain() throws Exception {
        RouteTable table = table(Slot.GREEN, v2);
        proxy.apply(table);
        assertEquals(Optional.of(table), proxy.current());

        caddy.restart();

        assertEquals(Optional.empty(), proxy.current());
        assertThrows(IOException.class, () -> get("/"), "nothing listens on the route port after a restart");
        proxy.apply(table);
        assertEquals(Optional.of(table), proxy.current());
        assertEquals("app v2", get("/"));
    }

    @Test
    void refusedTableLeavesTheOldRoutesServing() throws Exception {
        RouteTable good = table(Slot.BLUE, v1);
        proxy.apply(good);
        RouteTable badPort = new RouteTable(List.of("127.0.0.1:99999"), "off", table(Slot.GREEN, v2).bindings());
        RouteTable portTaken = new RouteTable(List.of(v1.address()), "off", table(Slot.GREEN, v2).bindings());

        ProxyException invalid = assertThrows(ProxyException.class, () -> proxy.apply(badPort));
        ProxyException taken = assertThrows(ProxyException.class, () -> proxy.apply(portTaken));

        assertTrue(invalid.getMessage().startsWith("Caddy refused the config (HTTP 400), the previous one keeps serving:"),
                invalid.getMessage());
        assertTrue(invalid.getMessage().contains("invalid listener address '127.0.0.1:99999'"), invalid.getMessage());
        assertTrue(taken.getMessage().contains("address already in use"), taken.getMessage());
        assertFalse(invalid.getMessage().contains("\n"));
        assertEquals("app v1", get("/"));
        assertEquals(Optional.of(good), proxy.current());
    }

    @Test
    void everyTlsModeIsAcceptedAndReadsBack() throws Exception {
        // No host in the routes: automatic HTTPS then has no name to get a certificate for, so the test
        // needs no ACME server and Caddy opens no redirect listener on :80.
        for (String tls : List.of("internal", "auto", "off")) {
            RouteTable table = new RouteTable(List.of("127.0.0.1:" + listenPort), tls, List.of(
                    new Binding("web", Slot.BLUE, v1.address(), null, "/*")));
            proxy.apply(table);
            assertEquals(Optional.of(table), proxy.current(), tls);
        }
        assertEquals("app v1", get("/anything"));
    }

    private RouteTable table(Slot slot, Upstream upstream) {
        return new RouteTable(List.of("127.0.0.1:" + listenPort), "off",
                List.of(new Binding("web", slot, upstream.address(), null, null)));
    }

    private static void assertOnly(String body, List<LoadReport.Answer> answers) {
        assertFalse(answers.isEmpty(), "no answers in a window where " + body + " should serve");
        List<LoadReport.Answer> wrong = answers.stream().filter(a -> !a.body().equals(body)).toList();
        assertTrue(wrong.isEmpty(), "expected only '" + body + "' but got " + wrong);
    }

    private String get(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + listenPort + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        }
    }
}
