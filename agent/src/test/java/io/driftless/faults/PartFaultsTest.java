package io.driftless.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.ledger.RolloutOutcome;
import io.driftless.ledger.RolloutRecord;
import io.driftless.testing.AgentProcess;
import io.driftless.testing.E2eHost;
import io.driftless.testing.GitHttpServer;
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

import static io.driftless.faults.AgentCrashTest.service;
import static io.driftless.faults.AgentCrashTest.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of the parts around a running agent (a real process): Caddy's admin API gone when the switch is
 * due, Caddy restarted with no config, the Git remote down. The agent keeps running through each.
 */
@Integration
class PartFaultsTest {
    static final Duration CONVERGE = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    E2eHost host;
    GitHttpServer git;
    AgentProcess agent;
    String v1;

    @BeforeEach
    void serveV1(TestInfo info) throws Exception {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
        git = GitHttpServer.start(host.repo.bareDir().getParent());
        host.repoUrl = git.urlOf(host.repo.bareDir());
        v1 = host.commit("web v1", host.manifest(service("v1", "", "")));
        agent = AgentProcess.run(host);
        agent.await("v1 applied", CONVERGE, () -> v1.equals(lastApplied()) && host.get("/").equals("app v1"));
    }

    @AfterEach
    void cleanUp() {
        if (agent != null) {
            agent.close();
        }
        git.close();
        host.close();
    }

    @Test
    void caddyGoneWhenTheSwitchIsDueLeavesNoHalfStateAndTheNextPassAppliesOnceItIsBack() {
        String tip = host.commit("web v2, slow to start", host.manifest(service("v2", "env: {APP_READY_AFTER: \"4\"}", "")));
        agent.await("the health gate of green", CONVERGE, () -> agent.log().contains("wait until green answers"));
        host.caddy.stop();

        agent.await("the rollout to give up on Caddy", CONVERGE, () -> agent.log().contains("rollout stopped because the host failed (ProxyUnavailable)"));
        Outside.await("the candidate removed", Duration.ofSeconds(30), () -> host.services().get("web").equals(List.of("blue v1")));
        assertTrue(agent.log().contains("Caddy's admin API failed (try 1 of 4)"), "the switch was retried with backoff");
        JsonNode status = host.status();
        assertEquals(0, status.get("failedRevisions").size(), "the commit is not blamed for the host's fault: " + status);
        assertEquals(v1, status.get("lastAppliedRevision").asText());
        RolloutRecord stopped = Outside.rollouts(host).stream().filter(r -> r.revision().equals(tip)).findFirst().orElseThrow();
        assertEquals(RolloutOutcome.FAILED, stopped.outcome());
        assertEquals("ProxyUnavailable", stopped.reason());
        sleep(3000);
        assertTrue(agent.alive(), "the agent keeps running while Caddy is away");

        host.caddy.restart();

        agent.await("the next pass to apply " + tip, CONVERGE, () -> tip.equals(lastApplied()));
        assertEquals(List.of("green v2"), host.services().get("web"));
        assertEquals("app v2", host.get("/"));
        Outside.assertRoutesOnlyToRunningContainers(host);
    }

    @Test
    void caddyRestartedWithoutItsConfigGetsTheRoutesBackOnTheNextPass() {
        String blue = host.container("web").orElseThrow().id();

        host.caddy.restart();
        assertEquals(List.of(), Outside.dials(host), "Caddy came back empty");

        Outside.await("the routes restored", CONVERGE, () -> host.get("/").equals("app v1"));
        assertEquals(2, agent.log().split("switch routes: web→blue", -1).length - 1,
                "one switch for the first deploy, one to restore the lost routes:\n" + agent.log());
        assertEquals(blue, host.container("web").orElseThrow().id(), "no container was touched to do it");
        Outside.assertRoutesOnlyToRunningContainers(host);
        LoadGenerator load = host.load();
        load.start();
        sleep(2000);
        LoadReport report = load.stop();
        assertEquals(0, report.failed(), report.summary());
    }

    @Test
    void gitRemoteDownKeepsTheHostRaisesSourceUnavailableAndIsNotHammered() {
        LoadGenerator load = host.load();
        load.start();
        git.outage(503);

        agent.await("SourceUnavailable", CONVERGE, () -> condition("SourceUnavailable").equals("True"));
        int before = git.requestCount();
        sleep(10_000); // ten poll intervals
        int during = git.requestCount() - before;

        // Polling every second with three tries per fetch would be dozens of requests; the open breaker asks at
        // most once per 20s.
        assertTrue(during <= 4, during + " requests to a Git host that is down, in 10s of 1s polls");
        assertTrue(agent.log().contains("cannot read the repository (3 times in a row)"), "one log line per failed fetch");
        assertTrue(agent.log().contains("the Git remote failed 3 time(s) in a row; not asking it again"), "the breaker says so");
        assertEquals(v1, lastApplied());
        assertEquals(List.of("blue v1"), host.services().get("web"), "the host keeps the last known-good state");
        LoadReport report = load.stop();
        assertEquals(0, report.failed(), report.summary());
        assertEquals(List.of("app v1"), report.answers().stream().map(a -> a.body().strip()).distinct().toList());

        git.outage(0);
        String tip = host.commit("web v2", host.manifest(service("v2", "", "")));
        agent.await("the agent to follow the branch again", CONVERGE, () -> tip.equals(lastApplied()));
        assertEquals("False", condition("SourceUnavailable"));
        assertTrue(agent.log().contains("the repository answers again"));
    }

    private String lastApplied() {
        return Outside.lastApplied(host);
    }

    private String condition(String type) {
        for (JsonNode c : host.status().get("conditions")) {
            if (c.get("type").asText().equals(type)) {
                return c.get("status").asText();
            }
        }
        return "absent";
    }
}
