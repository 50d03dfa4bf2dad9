package io.driftless.health;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.driftless.health.http.HttpHealthProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults injected with WireMock into a candidate's health endpoint: every probe ends in a {@link ProbeResult}
 * (never an exception) within its timeout, and only a complete 2xx is healthy.
 */
class HealthProbeFaultsTest {
    static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Far above the probe timeout; only a hang would reach it. */
    static final Duration BOUND = Duration.ofSeconds(5);

    WireMockServer app;
    URI healthz;

    @BeforeEach
    void startFakeApp() {
        app = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        app.start();
        healthz = URI.create("http://127.0.0.1:" + app.port() + "/healthz");
        // A first request loads the JDK's HTTP client and warms Jetty up: on a busy machine that alone can take
        // longer than the probe timeout, and the probes below are about the answer, not about class loading.
        new HttpHealthProbe().probe(URI.create("http://127.0.0.1:" + app.port() + "/__admin/health"), BOUND);
    }

    @AfterEach
    void stopFakeApp() {
        app.stop();
    }

    @Test
    void aServerErrorIsUnhealthyWithItsStatusAndBody() {
        app.stubFor(get("/healthz").willReturn(aResponse().withStatus(503).withBody("starting\n")));

        ProbeResult.Unhealthy r = assertInstanceOf(ProbeResult.Unhealthy.class, probe());

        assertEquals(503, r.status());
        assertEquals("HTTP 503 \"starting\"", r.describe());
    }

    @Test
    void aSlowAnswerIsUnreachableWithinTheTimeout() {
        app.stubFor(get("/healthz").willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));

        ProbeResult.Unreachable r = assertInstanceOf(ProbeResult.Unreachable.class, probe());

        assertEquals("no answer within 500ms", r.error());
    }

    @Test
    void aResetConnectionIsUnreachable() {
        app.stubFor(get("/healthz").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ProbeResult.Unreachable r = assertInstanceOf(ProbeResult.Unreachable.class, probe());

        assertTrue(r.error().startsWith("connection failed"), r.error());
    }

    @Test
    void anEmptyAnswerIsUnreachable() {
        app.stubFor(get("/healthz").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertInstanceOf(ProbeResult.Unreachable.class, probe());
    }

    @Test
    void a200WhoseBodyBreaksOffIsNotHealthy() {
        app.stubFor(get("/healthz").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        assertInstanceOf(ProbeResult.Unreachable.class, probe());
    }

    @Test
    void garbageIsUnreachable() {
        app.stubFor(get("/healthz").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        assertInstanceOf(ProbeResult.Unreachable.class, probe());
    }

    @Test
    void nobodyListeningIsUnreachable() {
        app.stop();

        ProbeResult.Unreachable r = assertInstanceOf(ProbeResult.Unreachable.class, probe());

        assertTrue(r.error().startsWith("connection failed"), r.error());
    }

    private ProbeResult probe() {
        return assertTimeoutPreemptively(BOUND, () -> new HttpHealthProbe().probe(healthz, TIMEOUT));
    }
}
