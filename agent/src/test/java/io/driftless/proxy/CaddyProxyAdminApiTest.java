package io.driftless.proxy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.driftless.live.RouteTable;
import io.driftless.live.RouteTable.Binding;
import io.driftless.live.Slot;
import io.driftless.rollout.ProxyException;
import io.driftless.testing.CaddyProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin-API client against a fake Caddy that answers, refuses, stalls or hangs up. */
class CaddyProxyAdminApiTest {
    private static final RouteTable TABLE = new RouteTable(List.of("127.0.0.1:8080"), "off", List.of(
            new Binding("web", Slot.GREEN, "172.18.0.5:8080", "app.example.com", "/*"),
            new Binding("api", Slot.BLUE, "172.18.0.6:9000", "app.example.com", "/api/*")));

    private WireMockServer admin;
    private CaddyProxy proxy;

    @BeforeEach
    void startFakeAdmin() {
        admin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        admin.start();
        // No drain time: a load's timeout is then exactly the request timeout.
        CaddySettings settings = CaddySettings.defaults(URI.create("http://127.0.0.1:" + admin.port()))
                .withShutdownDelay(Duration.ZERO).withGracePeriod(Duration.ZERO)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));
        proxy = new CaddyProxy(settings);
    }

    @AfterEach
    void stopFakeAdmin() {
        admin.stop();
    }

    @Test
    void applyPostsTheWholeConfigInOneLoad() throws Exception {
        admin.stubFor(post("/load").willReturn(aResponse().withStatus(200)));

        proxy.apply(TABLE);

        List<ServeEvent> requests = admin.getAllServeEvents();
        assertEquals(1, requests.size(), "exactly one admin request, so every route switches at once");
        admin.verify(1, postRequestedFor(urlEqualTo("/load"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(proxy.render(TABLE))));
        String body = requests.getFirst().getRequest().getBodyAsString();
        assertTrue(body.contains("\"admin\":{\"listen\":\"127.0.0.1:" + admin.port() + "\"}"), body);
        assertEquals(Optional.of(TABLE), CaddyConfig.parse(body));
    }

    @Test
    void refusedConfigReportsCaddysMessageInOneLine() {
        admin.stubFor(post("/load").willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":\"loading config: http: invalid configuration:\\n invalid listener address 'x:99999'\"}\n")));

        ProxyException e = assertThrows(ProxyException.class, () -> proxy.apply(TABLE));

        assertEquals("Caddy refused the config (HTTP 400), the previous one keeps serving: loading config: http:"
                + " invalid configuration: invalid listener address 'x:99999'", e.getMessage());
    }

    @Test
    void refusalThatIsNotJsonStillShowsItsText() {
        admin.stubFor(post("/load").willReturn(aResponse().withStatus(500).withBody("boom\nagain")));

        ProxyException e = assertThrows(ProxyException.class, () -> proxy.apply(TABLE));

        assertTrue(e.getMessage().endsWith(": boom again"), e.getMessage());
    }

    @Test
    void stalledAdminApiTimesOut() {
        admin.stubFor(post("/load").willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

        long start = System.nanoTime();
        ProxyException e = assertThrows(ProxyException.class, () -> proxy.apply(TABLE));

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3_000, "gave up after " + millis + " ms");
        assertTrue(e.getMessage().startsWith("Caddy's admin API at http://127.0.0.1:" + admin.port()
                + " did not answer POST /load within 500ms"), e.getMessage());
    }

    @Test
    void resetConnectionIsAnError() {
        admin.stubFor(post("/load").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ProxyException e = assertThrows(ProxyException.class, () -> proxy.apply(TABLE));

        assertTrue(e.getMessage().startsWith("cannot reach Caddy's admin API at http://127.0.0.1:" + admin.port()
                + ": is caddy running? The connection broke during POST /load"), e.getMessage());
    }

    @Test
    void emptyAnswerIsAnError() {
        admin.stubFor(get("/config/").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        ProxyException e = assertThrows(ProxyException.class, () -> proxy.current());

        assertTrue(e.getMessage().contains("The connection broke during GET /config/"), e.getMessage());
    }

    @Test
    void unreachableAdminApiAsksWhetherCaddyRuns() {
        URI nobody = URI.create("http://127.0.0.1:" + CaddyProcess.freePort());
        CaddyProxy lonely = new CaddyProxy(CaddySettings.defaults(nobody));

        ProxyException e = assertThrows(ProxyException.class, lonely::current);

        assertTrue(e.getMessage().startsWith("cannot reach Caddy's admin API at " + nobody + ": is caddy running?"),
                e.getMessage());
    }

    @Test
    void currentReadsTheLiveConfigBack() throws Exception {
        admin.stubFor(get("/config/").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(proxy.render(TABLE))));

        assertEquals(Optional.of(TABLE), proxy.current());
        admin.verify(1, getRequestedFor(urlEqualTo("/config/")));
    }

    @Test
    void currentIsEmptyWhenCaddyHoldsNoConfigOfOurs() throws Exception {
        admin.stubFor(get("/config/").willReturn(aResponse().withStatus(200).withBody("null\n")));
        assertEquals(Optional.empty(), proxy.current());

        admin.stubFor(get("/config/").willReturn(aResponse().withStatus(200)
                .withBody("{\"apps\":{\"http\":{\"servers\":{\"srv0\":{\"listen\":[\":443\"]}}}}}")));
        assertEquals(Optional.empty(), proxy.current());
    }

    @Test
    void somethingElseOnTheAdminPortIsNamed() {
        admin.stubFor(get("/config/").willReturn(aResponse().withStatus(200).withBody("<html>hello</html>")));

        ProxyException e = assertThrows(ProxyException.class, () -> proxy.current());

        assertTrue(e.getMessage().contains("is that address really Caddy's admin API?"), e.getMessage());
    }

    @Test
    void failedReadReportsTheStatus() {
        admin.stubFor(get("/config/").willReturn(aResponse().withStatus(500).withBody("{\"error\":\"disk on fire\"}")));

        ProxyException e = assertThrows(ProxyException.class, () -> proxy.current());

        assertTrue(e.getMessage().endsWith("answered GET /config/ with HTTP 500: disk on fire"), e.getMessage());
    }

    @Test
    void unrenderableTableNeverReachesCaddy() {
        RouteTable bad = new RouteTable(List.of(":80"), "maybe", List.of());

        ProxyException e = assertThrows(ProxyException.class, () -> proxy.apply(bad));

        assertEquals("cannot render the Caddy config: proxy.tls is 'maybe': use auto, internal or off", e.getMessage());
        assertEquals(0, admin.getAllServeEvents().size());
    }
}
