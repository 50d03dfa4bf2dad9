package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.events.Commits;
import io.driftless.testing.AgentProcess;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: {@code driftless suspend} from a second process stops a running agent from applying new commits at its
 * next pass, without a restart; what runs is still repaired; {@code driftless resume} applies the tip again.
 */
@Integration
class SuspendTest extends EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aSuspendedAgentAppliesNoNewCommitButRepairsWhatRunsAndResumeAppliesTheTip() throws Exception {
        String c1 = host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        String dir = host.stateDir.toString();
        try (AgentProcess agent = AgentProcess.run(host)) {
            agent.await("commit 1 applied", WAIT, () -> c1.equals(applied()));

            E2eHost.Cli suspend = host.driftless("suspend", "--state-dir", dir, "--reason", "db migration");
            assertEquals(0, suspend.exit(), suspend.out() + suspend.err());
            assertTrue(suspend.out().startsWith("Suspended since "), suspend.out());
            E2eHost.Cli again = host.driftless("suspend", "--state-dir", dir);
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().startsWith("Already suspended since "), again.out());
            JsonNode suspended = host.status().get("suspended");
            assertEquals("db migration", suspended.get("reason").asText());

            String c2 = host.commit("web v2", host.manifest(web("web", "v2", "/*")));
            String notApplied = "tip " + Commits.shortSha(c2) + " is not applied";
            agent.await("a pass that sees commit 2 and does not apply it", WAIT, () -> agent.log().contains(notApplied));
            assertEquals("app v1", host.get("/"));
            assertEquals(c1, applied());
            assertTrue(agent.log().contains("suspended since") && agent.log().contains("(db migration)"), agent.log());
            agent.await("Ready says Suspended", WAIT, () -> "Suspended".equals(condition("Ready").get("reason").asText()));
            assertEquals("True", condition("Ready").get("status").asText());
            assertTrue(condition("Ready").get("message").asText().contains(notApplied.replace(" is", "")),
                    condition("Ready").toString());

            E2eHost.docker("rm", "-f", host.instance + "-web-blue");
            agent.await("the killed container of commit 1 repaired", WAIT, () -> "app v1".equals(host.get("/")));
            assertEquals(c1, host.container("web").orElseThrow().revision(), "repaired as commit 1 says");
            assertEquals(c1, applied());

            E2eHost.Cli resume = host.driftless("resume", "--state-dir", dir);
            assertEquals(0, resume.exit(), resume.err());
            assertTrue(resume.out().startsWith("Resumed (it was suspended since "), resume.out());
            agent.await("commit 2 applied after resume", WAIT, () -> c2.equals(applied()));
            assertEquals("app v2", host.get("/"));
            assertTrue(host.status().get("suspended").isNull());
            E2eHost.Cli resumeAgain = host.driftless("resume", "--state-dir", dir);
            assertEquals(0, resumeAgain.exit());
            assertEquals("Not suspended; nothing changed.\n", resumeAgain.out());

            E2eHost.Cli history = host.driftless("history", "--state-dir", dir, "--json", "-n", "2");
            assertEquals(0, history.exit(), history.err());
            JsonNode newest = new ObjectMapper().readTree(history.out());
            assertEquals(2, newest.size(), history.out());
            assertEquals(c2, newest.get(0).get("revision").asText());
            assertEquals("web v2", newest.get(0).get("subject").asText());
            assertEquals("applied", newest.get(0).get("outcome").asText());
            assertEquals(c1, newest.get(1).get("revision").asText(), "the repair while suspended is history too");
            E2eHost.Cli table = host.driftless("history", "--state-dir", dir);
            assertTrue(table.out().contains(Commits.shortSha(c2) + "  web v2"), table.out());
        }
    }

    private String applied() {
        try {
            JsonNode rev = host.status().get("lastAppliedRevision");
            return rev == null || rev.isNull() ? null : rev.asText();
        } catch (AssertionError notYet) {
            return null;
        }
    }

    private JsonNode condition(String type) {
        for (JsonNode c : host.status().get("conditions")) {
            if (c.get("type").asText().equals(type)) {
                return c;
            }
        }
        throw new AssertionError("no condition " + type + " in " + host.status());
    }
}
