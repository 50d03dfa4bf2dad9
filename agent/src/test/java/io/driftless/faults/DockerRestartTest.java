package io.driftless.faults;

import io.driftless.testing.AgentProcess;
import io.driftless.testing.AppImages;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.Outside;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.driftless.faults.AgentCrashTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dockerd stops and starts again in the middle of a rollout. Disruptive for anything else using the daemon,
 * so it is tagged and runs in its own surefire stage after the rest of the suite (see agent/pom.xml). The
 * daemon is stopped by its pid and started again by {@code scripts/components.sh docker}.
 */
@Integration
@Tag("disruptive")
class DockerRestartTest {
    static final Duration CONVERGE = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    E2eHost host;
    AgentProcess agent;

    @BeforeEach
    void serveV1(TestInfo info) {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
        String v1 = host.commit("web v1", host.manifest(service("v1", "", "")));
        agent = AgentProcess.run(host);
        agent.await("v1 applied", CONVERGE, () -> v1.equals(Outside.lastApplied(host)));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (agent != null) {
            agent.close();
        }
        ensureDockerd();
        host.close();
    }

    @Test
    void dockerdRestartedDuringARolloutTheAgentSurvivesAndConverges() throws Exception {
        String tip = host.commit("web v2, slow to start", host.manifest(service("v2", "env: {APP_READY_AFTER: \"4\"}", "")));
        agent.await("the health gate of green", CONVERGE, () -> agent.log().contains("wait until green answers"));

        String pid = sh("pidof", "dockerd").strip().split("\\s+")[0];
        sh("kill", "-TERM", pid);
        Outside.await("dockerd to stop", Duration.ofSeconds(60), () -> !isRunning(pid));
        AgentCrashTest.sleep(3000); // a few passes with no daemon at all
        assertTrue(agent.alive(), "the agent keeps running without Docker");
        ensureDockerd();

        agent.await("the agent to converge after the daemon came back", CONVERGE, () -> tip.equals(Outside.lastApplied(host))
                && host.services().getOrDefault("web", List.of()).equals(List.of("green v2")));
        assertTrue(agent.log().contains("cannot reach Docker"), "the outage is in the log");
        Outside.assertRoutesOnlyToRunningContainers(host);
        assertEquals("app v2", host.get("/"));
    }

    private static boolean isRunning(String pid) {
        return java.nio.file.Files.exists(Path.of("/proc", pid));
    }

    private static void ensureDockerd() throws IOException, InterruptedException {
        sh(AppImages.projectRoot().resolve("scripts/components.sh").toString(), "docker");
    }

    private static String sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
