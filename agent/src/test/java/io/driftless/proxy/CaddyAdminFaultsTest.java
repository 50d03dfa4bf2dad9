package io.driftless.proxy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.driftless.live.RouteTable;
import io.driftless.live.Slot;
import io.driftless.rollout.Backoff;
import io.driftless.rollout.ProxyException;
import io.driftless.rollout.ResilientProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults injected with WireMock into Caddy's admin API, as the agent wires it: {@link CaddyProxy} behind
 * {@link ResilientProxy}. Resets and 5xx are retried a bounded number of times; a refusal is not; a stalled
 * API costs a bounded time, never a hang.
 */
class CaddyAdminFaultsTest {
    static final RouteTable TABLE = new RouteTable(List.of(":8080"), "off",
            List.of(new RouteTable.Binding("web", Slot.BLUE, "10.0.0.2:8080", null, "/*")));
    static final Backoff.Policy POLICY = new Backoff.Policy(3, Duration.ofMillis(10), Duration.ofMillis(40), 10, Duration.ofSeconds(5));

    WireMockServer admin;
    ResilientProxy proxy;

    @BeforeEach
    void startFakeAdmin() {
        admin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        admin.start();
        CaddySettings settings = CaddySettings.defaults(URI.create("http://127.0.0.1:" + admin.port()))
                .withShutdownDelay(Duration.ZERO).withGracePeriod(Duration.ZERO)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500));
        proxy = new ResilientProxy(new CaddyProxy(settings), POLICY, Clock.systemUTC());
    }

    @AfterEach
    void stopFakeAdmin() {
        admin.stop();
    }

    @Test
    void aResetLoadIsRetriedABoundedNumberOfTimesThenReported() {
        admin.stubFor(post("/load").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ProxyException e = assertThrows(ProxyException.class, () -> proxy.apply(TABLE));

        admin.verify(3, postRequestedFor(urlEqualTo("/load")));
        assertTrue(e.getMessage().contains("The connection broke during POST /load"), e.getMessage());
    }

    @Test
    void aServerErrorIsRetriedAndTheNextAnswerCounts() throws Exception {
        admin.stubFor(post("/load").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\": \"busy\"}")).willSetStateTo("up"));
        admin.stubFor(post("/load").inScenario("flaky").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));

        proxy.apply(TABLE);

        admin.verify(2, postRequestedFor(urlEqualTo("/load")));
    }

    @Test
    void aConfigCaddyRefusesIsNotRetried() {
        admin.stubFor(post("/load").willReturn(aResponse().withStatus(400).withBody("{\"error\": \"bad dial\"}")));

        ProxyException e = assertThrows(ProxyException.class, () -> proxy.apply(TABLE));

        admin.verify(1, postRequestedFor(urlEqualTo("/load")));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("bad dial"), e.getMessage());
    }

    @Test
    void aStalledAdminApiCostsABoundedTimeNotAHang() {
        admin.stubFor(get("/config/").willReturn(aResponse().withStatus(200).withBody("null").withFixedDelay(10_000)));

        // 3 tries of 500 ms each plus waits of at most 40 ms: far below the bound, whatever the machine's load.
        ProxyException e = assertTimeoutPreemptively(Duration.ofSeconds(6), () -> assertThrows(ProxyException.class, proxy::current));

        admin.verify(3, getRequestedFor(urlEqualTo("/config/")));
        assertTrue(e.getMessage().contains("did not answer GET /config/"), e.getMessage());
    }

    @Test
    void garbageOnTheAdminPortIsReportedNotRetriedForever() {
        admin.stubFor(get("/config/").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        ProxyException e = assertTimeoutPreemptively(Duration.ofSeconds(6), () -> assertThrows(ProxyException.class, proxy::current));

        admin.verify(3, getRequestedFor(urlEqualTo("/config/")));
        assertTrue(e.getMessage().contains("Caddy's admin API"), e.getMessage());
    }
}
