package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.testing.AgentProcess;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end with {@code driftless run} as a real process: it polls, survives bad input, stops on SIGTERM. */
@Integration
class PollingAgentTest extends EndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void invalidManifestIsReportedWithItsPositionAndTheNextValidCommitApplies() {
        String c1 = host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        try (AgentProcess agent = AgentProcess.run(host)) {
            agent.await("commit 1 applied", WAIT, () -> c1.equals(applied()));
            assertEquals("app v1", host.get("/"));

            String broken = host.manifest(web("web", "v2", "/*")).replace("    port: 8080", "    prot: 8080");
            String c2 = host.commit("typo", broken);
            agent.await("commit 2 failed", WAIT, () -> failed(c2) != null);
            JsonNode failure = failed(c2);
            assertEquals("InvalidManifest", failure.get("reason").asText());
            int line = lineOf(broken, "prot:");
            Matcher where = Pattern.compile("driftless\\.yaml:(\\d+):(\\d+)").matcher(failure.get("message").asText());
            assertTrue(where.find(), failure.toString());
            assertEquals(line, Integer.parseInt(where.group(1)), failure.toString());
            assertEquals(5, Integer.parseInt(where.group(2)), "the column of the unknown key: " + failure);
            assertTrue(agent.log().contains("driftless.yaml:" + line + ":5"), agent.log());
            assertEquals("app v1", host.get("/"), "host unchanged");
            assertEquals(c1, applied());

            String c3 = host.commit("fix the typo", host.manifest(web("web", "v2", "/*")));
            agent.await("commit 3 applied", WAIT, () -> c3.equals(applied()));
            assertEquals("app v2", host.get("/"));
            assertTrue(agent.alive());

            assertEquals(0, agent.terminate(Duration.ofSeconds(30)), "SIGTERM stops the agent cleanly");
            assertTrue(agent.log().contains("agent stopped"), agent.log());
        }
    }

    /** The status, or an empty object while the agent has not written its ledger yet. */
    private JsonNode status() {
        try {
            return host.status();
        } catch (AssertionError notYet) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .set("failedRevisions", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());
        }
    }

    private String applied() {
        JsonNode rev = status().get("lastAppliedRevision");
        return rev == null || rev.isNull() ? null : rev.asText();
    }

    private JsonNode failed(String revision) {
        for (JsonNode f : status().get("failedRevisions")) {
            if (f.get("revision").asText().equals(revision)) {
                return f;
            }
        }
        return null;
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + text);
    }
}
