package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.LoadGenerator;
import io.driftless.testing.LoadReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.driftless.e2e.SwapTest.condition;
import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: a commit that reaches for the Docker socket is refused by the host policy of the agent's own config. */
@Integration
class HostPolicyRefusalTest {
    private static final String REFUSAL = "service web: volumes[0] mounts /var/run/docker.sock, the Docker socket, which "
            + "gives the container root on the host; refused by the host policy (allow with --allow-docker-socket in the "
            + "agent's config, never in the repository)";

    @TempDir
    Path dir;
    E2eHost host;
    String good;

    @BeforeEach
    void start(TestInfo info) {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
        good = host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        assertEquals(0, host.reconcile().exit());
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void aCommitMountingTheDockerSocketIsRefusedAndTheHostStaysOnTheLastKnownGoodCommit() {
        String hostile = host.commit("web v2, with the Docker socket", host.manifest(web("web", "v2", "/*")
                + "    volumes: [\"/var/run/docker.sock:/var/run/docker.sock\"]\n"));

        E2eHost.Cli plan = host.driftless("plan");
        assertEquals(2, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().contains("refused by the host policy (PolicyViolation)"), plan.out());
        assertTrue(plan.out().contains("  " + REFUSAL), plan.out());

        LoadGenerator load = host.load();
        load.start();
        E2eHost.Cli cli = host.reconcile();
        LoadReport report = load.stop();

        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains(REFUSAL), cli.out());
        assertEquals(0, report.failed(), () -> "failed requests: " + report.failures());
        System.out.println("HostPolicyRefusalTest load: " + report.answers().size() + " requests, " + report.failed() + " failed");
        assertEquals(Map.of("web", List.of("blue v1")), host.services(), "no candidate was even created");
        assertEquals("app v1", host.get("/"));
        JsonNode status = host.status();
        assertEquals(good, status.get("lastAppliedRevision").asText());
        assertEquals(hostile, status.get("lastAttemptedRevision").asText());
        JsonNode failed = status.get("failedRevisions").get(0);
        assertEquals(hostile, failed.get("revision").asText());
        assertEquals("PolicyViolation", failed.get("reason").asText());
        assertEquals(REFUSAL, failed.get("message").asText());
        assertEquals("PolicyViolation", condition(status, "Ready").get("reason").asText());
        assertEquals("False", condition(status, "Ready").get("status").asText());
        assertEquals("True", condition(status, "Stalled").get("status").asText());
    }

    @Test
    void theOperatorCanAllowItInTheAgentsConfig() {
        String wanted = host.commit("web v2, with the Docker socket", host.manifest(web("web", "v2", "/*")
                + "    volumes: [\"/var/run/docker.sock:/var/run/docker.sock:ro\"]\n"));
        assertEquals(1, host.reconcile().exit());

        E2eHost.Cli cli = host.reconcile("--retry", "--allow-docker-socket");

        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertEquals(Map.of("web", List.of("green v2")), host.services());
        assertEquals("app v2", host.get("/"));
        assertEquals(wanted, host.status().get("lastAppliedRevision").asText());
        String mounts = E2eHost.docker("inspect", "-f", "{{range .Mounts}}{{.Source}}:{{.Destination}} {{end}}",
                host.container("web").orElseThrow().name());
        assertTrue(mounts.contains("/var/run/docker.sock:/var/run/docker.sock"), mounts);
    }
}
