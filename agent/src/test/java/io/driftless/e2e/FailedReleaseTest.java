package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.LoadGenerator;
import io.driftless.testing.LoadReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.driftless.e2e.SwapTest.condition;
import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: releases that must not take traffic, and the way back. */
@Integration
class FailedReleaseTest extends EndToEndTest {
    String good;

    @BeforeEach
    void deployV1() {
        good = host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        assertEquals(0, host.reconcile().exit());
    }

    @Test
    void unhealthyReleaseNeverTakesTrafficAndIsNotRetried() {
        LoadGenerator load = host.load();
        load.start();
        String bad = host.commit("web v3 (healthz answers 500)", host.manifest(web("web", "v3-unhealthy", "/*")));

        E2eHost.Cli cli = host.reconcile();
        LoadReport report = load.stop();

        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("HealthGateFailed") || cli.out().contains("did not answer 2xx"), cli.out());
        assertEquals(0, report.failed(), () -> "failed requests: " + report.failures());
        assertEquals(List.of("app v1"), report.answers().stream().map(a -> a.body().strip()).distinct().toList(),
                "traffic stayed on v1 throughout");
        assertEquals(Map.of("web", List.of("blue v1")), host.services(), "the candidate is gone");
        JsonNode status = host.status();
        assertEquals(good, status.get("lastAppliedRevision").asText());
        assertEquals(bad, status.get("lastAttemptedRevision").asText());
        JsonNode failed = status.get("failedRevisions").get(0);
        assertEquals(bad, failed.get("revision").asText());
        assertEquals("HealthGateFailed", failed.get("reason").asText());
        assertTrue(failed.get("message").asText().contains("service web"), failed.toString());
        assertTrue(failed.get("message").asText().contains("HTTP 500"), failed.toString());
        assertEquals("False", condition(status, "Ready").get("status").asText());
        assertEquals("True", condition(status, "Stalled").get("status").asText());

        String rolloutsBefore = host.driftless("status", "--state-dir", host.stateDir.toString()).out();
        E2eHost.Cli again = host.reconcile();
        assertEquals(1, again.exit(), "the tip is still failed");
        assertEquals(Map.of("web", List.of("blue v1")), host.services(), "not tried again: no candidate was started");
        assertEquals(host.status().get("failedRevisions").get(0).get("failedAt"), failed.get("failedAt"),
                "the failure was not recorded again");
        assertTrue(rolloutsBefore.contains("HealthGateFailed"));
    }

    @Test
    void revertOfAFailedCommitConvergesAndIsReady() {
        String bad = host.commit("web v3", host.manifest(web("web", "v3-unhealthy", "/*")));
        assertEquals(1, host.reconcile().exit());

        String revert = host.repo.revert(bad);
        E2eHost.Cli cli = host.reconcile();

        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertEquals("app v1", host.get("/"));
        JsonNode status = host.status();
        assertEquals(revert, status.get("lastAppliedRevision").asText());
        assertEquals("True", condition(status, "Ready").get("status").asText());
        assertEquals("False", condition(status, "Stalled").get("status").asText());
    }

    @Test
    void retryFlagTriesAFailedCommitAgain() {
        host.commit("web v3", host.manifest(web("web", "v3-unhealthy", "/*")));
        assertEquals(1, host.reconcile().exit());
        String firstFailure = host.status().get("failedRevisions").get(0).get("failedAt").asText();

        E2eHost.Cli retried = host.reconcile("--retry");

        assertEquals(1, retried.exit());
        assertTrue(!firstFailure.equals(host.status().get("failedRevisions").get(0).get("failedAt").asText()),
                "the commit was tried and failed again");
        assertEquals(Map.of("web", List.of("blue v1")), host.services());
    }

    @Test
    void oneServiceFailingItsGateKeepsBothOnTheirOldVersion() {
        host.commit("web and api v1", host.manifest(web("web", "v1", "/*"), web("api", "v1", "/api/*")));
        assertEquals(0, host.reconcile().exit());

        host.commit("web v2, api v3 (unhealthy)", host.manifest(web("web", "v2", "/*"), web("api", "v3-unhealthy", "/api/*")));
        E2eHost.Cli cli = host.reconcile();

        assertEquals(1, cli.exit());
        assertEquals("app v1", host.get("/"), "web did not switch although its candidate was healthy");
        assertEquals(Map.of("api", List.of("blue v1"), "web", List.of("blue v1")), host.services());
    }

    @Test
    void imageThatExitsAtOnceIsReportedAndTheHostIsUnchanged() {
        String bad = host.commit("web v4 (exits at once)", host.manifest(web("web", "v4-crash", "/*")));

        E2eHost.Cli cli = host.reconcile();

        assertEquals(1, cli.exit());
        JsonNode failed = host.status().get("failedRevisions").get(0);
        assertEquals(bad, failed.get("revision").asText());
        assertEquals("ContainerExited", failed.get("reason").asText());
        assertTrue(failed.get("message").asText().contains("fatal: config missing"), failed.toString());
        assertEquals(Map.of("web", List.of("blue v1")), host.services());
        assertEquals("app v1", host.get("/"));
    }

    @Test
    void imageThatCannotBePulledIsReportedAndTheHostIsUnchanged() {
        String bad = host.commit("web from a registry we cannot reach",
                host.manifest(web("web", "v1", "/*").replace("driftless-demo/app:v1", "registry.invalid/acme/web:9.9.9")));

        E2eHost.Cli cli = host.reconcile();

        assertEquals(1, cli.exit());
        JsonNode failed = host.status().get("failedRevisions").get(0);
        assertEquals(bad, failed.get("revision").asText());
        assertEquals("ImageUnavailable", failed.get("reason").asText());
        assertTrue(failed.get("message").asText().contains("registry.invalid/acme/web:9.9.9"), failed.toString());
        assertEquals(Map.of("web", List.of("blue v1")), host.services());
        assertEquals("app v1", host.get("/"));
    }
}
