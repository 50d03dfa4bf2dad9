package io.driftless.ledger;

import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTableTest {
    private static final List<RolloutRecord> ROLLOUTS = List.of(
            new RolloutRecord(8, sha('c'), at(100), at(172), RolloutOutcome.FAILED, "HealthGateFailed", List.of(
                    new RolloutStep(1, "start web green", at(100), at(101), "ok"),
                    new RolloutStep(2, "health gate web green", at(101), at(161), "no 2xx within 60s\\nlast: 503")),
                    "web: bump to 1.5.0"),
            new RolloutRecord(7, sha('b'), at(0), at(12), RolloutOutcome.APPLIED, null, List.of(
                    new RolloutStep(1, "start web blue", at(0), at(2), "ok")), null),
            new RolloutRecord(9, sha('d'), at(200), null, null, null, List.of(), "api: add invoices"));

    @Test
    void eachRolloutIsABlockWithItsCommitReasonAndSteps() {
        assertEquals("""
                #8  FAILED  2026-11-04 03:01:40 UTC (2m ago)  took 72.0s
                    commit  cccccccccccc  web: bump to 1.5.0
                    reason  HealthGateFailed
                     1. start web green        1.0s     ok
                     2. health gate web green  60.0s    no 2xx within 60s\\nlast: 503

                #7  APPLIED  2026-11-04 03:00:00 UTC (4m ago)  took 12.0s
                    commit  bbbbbbbbbbbb
                     1. start web blue  2.0s     ok

                #9  RUNNING  2026-11-04 03:03:20 UTC (40s ago)  running for 40s
                    commit  dddddddddddd  api: add invoices
                    steps   none recorded
                """, HistoryTable.render(ROLLOUTS, at(240)));
    }

    @Test
    void noRolloutsSaysSo() {
        assertEquals("No rollouts yet: the agent has not changed anything on this host.\n",
                HistoryTable.render(List.of(), at(0)));
    }

    @Test
    void jsonHasFullShasOutcomeDurationsAndSteps() throws Exception {
        JsonNode all = new ObjectMapper().readTree(StatusJson.renderHistory(ROLLOUTS));

        JsonNode failed = all.get(0);
        assertEquals(List.of("id", "revision", "subject", "outcome", "reason", "startedAt", "finishedAt", "durationMs",
                "steps"), keys(failed));
        assertEquals(sha('c'), failed.get("revision").asText());
        assertEquals("failed", failed.get("outcome").asText());
        assertEquals(72_000, failed.get("durationMs").asLong());
        assertEquals(List.of("seq", "name", "startedAt", "finishedAt", "durationMs", "result"),
                keys(failed.get("steps").get(0)));
        assertEquals(60_000, failed.get("steps").get(1).get("durationMs").asLong());
        assertTrue(all.get(1).get("subject").isNull());
        assertEquals("running", all.get(2).get("outcome").asText());
        assertTrue(all.get(2).get("durationMs").isNull());
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
