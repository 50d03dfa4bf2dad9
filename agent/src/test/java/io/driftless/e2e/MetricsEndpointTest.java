package io.driftless.e2e;

import io.driftless.testing.AgentProcess;
import io.driftless.testing.AppImages;
import io.driftless.testing.CaddyProcess;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: {@code driftless run} as a real process applies a commit, then fails the release of an unhealthy one;
 * {@code GET /metrics} is scraped over HTTP and parsed as the Prometheus text format, and its samples say so.
 */
@Integration
class MetricsEndpointTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    Path dir;
    E2eHost host;
    HttpClient http;
    int port;

    @BeforeEach
    void start(TestInfo info) {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        port = CaddyProcess.freePort();
    }

    @AfterEach
    void stop() {
        http.close();
        host.close();
    }

    @Test
    void metricsCountAPassAndAFailedReleaseAndShowWhatRuns() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("reconcile.token"), "e2e-metrics-token\n");
        String c1 = host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        try (AgentProcess agent = AgentProcess.run(host, "--interval", "1h", "--listen", "127.0.0.1:" + port,
                "--reconcile-token-file", tokenFile.toString())) {
            agent.await("commit 1 applied by the first pass", WAIT, () -> c1.equals(applied()));
            String c2 = host.commit("web v3 unhealthy", host.manifest(web("web", "v3-unhealthy", "/*")));
            HttpResponse<String> reconciled = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/reconcile?wait=true"))
                    .header("Authorization", "Bearer e2e-metrics-token").POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, reconciled.statusCode(), reconciled.body());
            assertTrue(reconciled.body().contains("\"FAILED\""), reconciled.body());

            HttpResponse<String> scraped = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")));
            assertEquals(200, scraped.statusCode());
            assertEquals(Optional.of("text/plain; version=0.0.4; charset=utf-8"), scraped.headers().firstValue("Content-Type"));
            PrometheusText m = PrometheusText.parse(scraped.body());
            String body = scraped.body();

            assertEquals(1, m.samples().stream().filter(s -> s.name().equals("driftless_build_info")).count(), body);
            assertEquals(Optional.of(1.0), m.value("driftless_reconcile_total", Map.of("result", "converged")), body);
            assertEquals(Optional.of(1.0), m.value("driftless_reconcile_total", Map.of("result", "failed")), body);
            assertEquals(Optional.of(2.0), m.value("driftless_reconcile_duration_seconds_count", Map.of()), body);
            assertEquals("histogram", m.types().get("driftless_reconcile_duration_seconds"), body);
            assertEquals(Optional.of(1.0), m.value("driftless_rollouts_total", Map.of("outcome", "applied", "reason", "None")), body);
            assertEquals(Optional.of(1.0), m.value("driftless_rollouts_total",
                    Map.of("outcome", "failed", "reason", "HealthGateFailed")), body);
            assertEquals(Optional.of(1.0), m.value("driftless_rollout_duration_seconds_count", Map.of("outcome", "failed")), body);
            assertTrue(m.value("driftless_health_probes_total", Map.of("service", "web", "result", "healthy")).orElse(0.0) >= 2, body);
            assertTrue(m.value("driftless_health_probes_total", Map.of("service", "web", "result", "unhealthy")).orElse(0.0) >= 1, body);

            assertEquals(Optional.of(1.0), m.value("driftless_applied_revision_info", Map.of("revision", c1)), body);
            assertEquals(Optional.empty(), m.value("driftless_applied_revision_info", Map.of("revision", c2)), body);
            List<PrometheusText.Sample> services = m.samples().stream().filter(s -> s.name().equals("driftless_service_info")).toList();
            assertEquals(1, services.size(), body);
            assertEquals(AppImages.ref("v1"), services.getFirst().labels().get("image"), body);
            assertEquals("web", services.getFirst().labels().get("service"), body);
            double readyOnes = m.samples().stream()
                    .filter(s -> s.name().equals("driftless_condition") && "Ready".equals(s.labels().get("type")))
                    .mapToDouble(PrometheusText.Sample::value).sum();
            assertEquals(1.0, readyOnes, "Ready has exactly one status: " + body);
            for (PrometheusText.Sample s : m.samples()) {
                if (!s.name().equals("driftless_applied_revision_info")) {
                    assertTrue(!s.labels().containsValue(c1) && !s.labels().containsValue(c2), "no commit label on " + s);
                }
            }
            assertEquals(0, agent.terminate(Duration.ofSeconds(30)));
        }
    }

    /** The last applied commit, or null before there is one (or a ledger). */
    private String applied() {
        try {
            var value = host.status().get("lastAppliedRevision");
            return value == null || value.isNull() ? null : value.asText();
        } catch (AssertionError noLedgerYet) {
            return null;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
