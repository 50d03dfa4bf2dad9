package io.driftless.faults;

import io.driftless.ledger.RolloutOutcome;
import io.driftless.ledger.RolloutRecord;
import io.driftless.live.LiveContainer;
import io.driftless.testing.AgentProcess;
import io.driftless.testing.AppImages;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.LoadGenerator;
import io.driftless.testing.LoadReport;
import io.driftless.testing.Outside;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent is {@code kill -9}ed at each point of a swap, seen from outside (Docker, Caddy's admin API, the
 * agent's log, the ledger), under continuous load through Caddy, then started again. Each case proves: no
 * failed request over the whole run, convergence in the first pass after the restart, no orphaned candidate,
 * no route to a stopped container, and the cut-short rollout recorded as INTERRUPTED, never as APPLIED.
 */
@Integration
class AgentCrashTest {
    static final Duration CONVERGE = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    E2eHost host;
    AgentProcess agent;
    LoadGenerator load;
    String green;

    @BeforeEach
    void serveV1UnderLoad(TestInfo info) {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
        green = host.instance + "-web-green";
        String v1 = host.commit("web v1", host.manifest(service("v1", "", "")));
        agent = AgentProcess.run(host);
        agent.await("v1 applied", CONVERGE, () -> applied(v1) && host.get("/").equals("app v1"));
        load = host.load();
        load.start();
    }

    @AfterEach
    void cleanUp() {
        if (load != null) {
            load.stop();
        }
        if (agent != null) {
            agent.close();
        }
        host.close();
    }

    @Test
    void killedRightAfterTheCandidateWasCreated() {
        String tip = host.commit("web v2, slow to start", host.manifest(service("v2", "env: {APP_READY_AFTER: \"4\"}", "")));
        Outside.await("the green candidate to exist", CONVERGE, () -> Outside.containerExists(green));

        long cut = killAndRestart();

        assertConvergedOn(tip, "v2", cut);
    }

    @Test
    void killedWhileTheCandidateIsHealthGated() {
        String tip = host.commit("web v2, slow to start", host.manifest(service("v2", "env: {APP_READY_AFTER: \"5\"}", "")));
        agent.await("the health gate of green", CONVERGE, () -> agent.log().contains("wait until green answers"));
        sleep(1000);
        assertTrue(Outside.containerExists(green), "the candidate runs while it is gated");
        assertEquals(List.of(address("blue")), Outside.dials(host), "no traffic moved before the gate passed");

        long cut = killAndRestart();

        assertConvergedOn(tip, "v2", cut);
    }

    @Test
    void killedRightAfterCaddysRoutesSwitched() {
        String tip = host.commit("web v2", host.manifest(service("v2", "", "")));
        Outside.await("Caddy to route to green", CONVERGE,
                () -> {
                    String to = addressOr("green");
                    return to != null && Outside.dials(host).equals(List.of(to));
                });

        long cut = killAndRestart();

        assertConvergedOn(tip, "v2", cut);
    }

    @Test
    void killedDuringTheDrain() {
        String tip = host.commit("web v2", host.manifest(service("v2", "", "")));
        agent.await("the drain", CONVERGE, () -> agent.log().contains("drain old containers for"));
        sleep(500);

        long cut = killAndRestart();

        assertConvergedOn(tip, "v2", cut);
    }

    @Test
    void killedWhileAFailedRolloutCleansUp() {
        // The candidate ignores SIGTERM, so removing it takes the whole stop grace: a clean-up long enough to kill in.
        String tip = host.commit("web v3, unhealthy", host.manifest(service("v3-unhealthy", "",
                "command: [\"sh\", \"-c\", \"trap '' TERM; exec /app/start\"]")));
        Outside.await("the failed health gate in the ledger", CONVERGE, () -> openRollout()
                .map(r -> r.steps().stream().anyMatch(s -> s.step().startsWith("wait until") && !s.result().equals("ok")))
                .orElse(false));
        sleep(1000);
        assertTrue(Outside.containerExists(green), "the clean-up is under way: the candidate is still being stopped");

        long cut = killAndRestart();

        agent.await("the commit marked failed and the candidate gone", CONVERGE, () -> Outside.rollouts(host).stream()
                .anyMatch(r -> r.id() > cut && r.revision().equals(tip) && r.outcome() == RolloutOutcome.FAILED)
                && host.containers().size() == 1);
        assertInterrupted(cut);
        List<RolloutRecord> after = Outside.rollouts(host).stream().filter(r -> r.id() > cut).toList();
        assertTrue(after.stream().allMatch(r -> r.outcome() != null), "every later rollout finished: " + after);
        assertEquals(1, after.stream().filter(r -> r.revision().equals(tip)).count(), "the bad commit was tried once more, not on every pass");
        assertEquals("HealthGateFailed", after.stream().filter(r -> r.revision().equals(tip)).findFirst().orElseThrow().reason());
        assertEquals(List.of("blue v1"), host.services().get("web"), "no orphaned candidate");
        assertEquals(List.of(address("blue")), Outside.dials(host));
        assertNoFailedRequests();
    }

    @Test
    void aSecondAgentOnTheSameStateDirRefusesToStart() {
        try (AgentProcess second = AgentProcess.run(host)) {
            int exit = second.waitForExit(Duration.ofSeconds(60));

            assertEquals(2, exit, second.log());
            assertTrue(second.log().contains("another driftless agent (pid " + agent.pid() + ") holds "), second.log());
            assertTrue(agent.alive(), "the first agent keeps running");
        }
        sleep(4000); // the first agent keeps polling, undisturbed
        assertEquals("app v1", host.get("/"));
        assertNoFailedRequests();
    }

    /** SIGKILL now, check nothing broke while no agent ran, start it again; returns the cut-short rollout's id. */
    private long killAndRestart() {
        RolloutRecord open = openRollout().orElseThrow(() -> new AssertionError("no rollout under way to cut short"));
        agent.kill();
        Outside.assertRoutesOnlyToRunningContainers(host);
        sleep(500);
        agent = AgentProcess.run(host);
        return open.id();
    }

    private void assertConvergedOn(String tip, String tag, long cut) {
        agent.await("the restarted agent to apply " + tip, CONVERGE, () -> applied(tip));
        sleep(2500); // two more passes: nothing left to do
        assertInterrupted(cut);
        List<RolloutRecord> after = Outside.rollouts(host).stream().filter(r -> r.id() > cut).toList();
        assertEquals(1, after.size(), "converged in the first pass after the restart: " + after);
        assertEquals(RolloutOutcome.APPLIED, after.getFirst().outcome());
        assertEquals(tip, after.getFirst().revision());
        assertEquals(List.of("green " + tag), host.services().get("web"), "one container left: no orphan, no old one");
        assertEquals(List.of(address("green")), Outside.dials(host), "Caddy routes to the running green container only");
        assertEquals("app " + tag, host.get("/"));
        assertTrue(agent.log().contains("were cut short by the agent's last stop"), "the restart says so");
        assertNoFailedRequests();
    }

    private void assertInterrupted(long cut) {
        RolloutRecord interrupted = Outside.rollouts(host).stream().filter(r -> r.id() == cut).findFirst().orElseThrow();
        assertEquals(RolloutOutcome.INTERRUPTED, interrupted.outcome(), interrupted.toString());
        assertEquals("AgentStopped", interrupted.reason());
    }

    private void assertNoFailedRequests() {
        LoadReport report = load.stop();
        load = null;
        System.out.println(getClass().getSimpleName() + ": " + report.summary());
        assertEquals(0, report.failed(), () -> "failed requests: " + report.failures());
        assertTrue(report.total() > 300, "too few requests to mean anything: " + report.summary());
    }

    private boolean applied(String tip) {
        return Outside.rollouts(host).stream().anyMatch(r -> r.revision().equals(tip) && r.outcome() == RolloutOutcome.APPLIED)
                && tip.equals(Outside.lastApplied(host));
    }

    private Optional<RolloutRecord> openRollout() {
        return Outside.rollouts(host).stream().filter(r -> r.outcome() == null).findFirst();
    }

    private String address(String slot) {
        String a = addressOr(slot);
        assertTrue(a != null, "no running " + slot + " container: " + host.services());
        return a;
    }

    private String addressOr(String slot) {
        return host.containers().stream().filter(c -> c.slot().label().equals(slot) && c.running())
                .map(LiveContainer::address).findFirst().map(a -> a + ":" + Outside.APP_PORT).orElse(null);
    }

    /** The web service of image tag {@code tag}, with a gate deadline long enough for a slow start. */
    static String service(String tag, String env, String command) {
        return """
                  web:
                    image: %s
                    port: 8080
                    %s
                    %s
                    health: {path: %s, interval: 200ms, timeout: 1s, successes: 2, deadline: 8s}
                    rollout: {drain: 4s, monitor: 1s}
                    routes: [{path: "/*"}]
                """.formatted(AppImages.ref(tag), env, command, E2eHost.HEALTH);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
