package io.driftless.ledger.sql;

import io.driftless.events.Reason;
import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.ledger.FailedRevision;
import io.driftless.ledger.Ledger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real crash: another JVM is SIGKILLed in the middle of a ledger transaction. */
class LedgerCrashTest {
    @TempDir
    Path stateDir;

    @Test
    void anAgentKilledMidWriteLeavesTheLedgerAsItWasBefore() throws Exception {
        try (Ledger agent = SqlLedger.open(stateDir)) {
            agent.recordApplied(sha('a'), at(0));
            agent.recordFailed(sha('b'), Reason.HEALTH_GATE_FAILED, "web unhealthy", at(1));
        }

        Process child = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"),
                KilledMidWrite.class.getName(), stateDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals(KilledMidWrite.MID_WRITE, out.readLine(), "the child never reached the middle of its write");
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback, no close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        } finally {
            child.destroyForcibly();
        }

        try (Ledger status = SqlLedger.openReadOnly(stateDir)) {
            assertEquals(Optional.of(sha('a')), status.lastApplied());
        }
        try (Ledger agent = SqlLedger.open(stateDir)) {
            assertEquals(Optional.of(sha('a')), agent.lastApplied());
            assertEquals(List.of(sha('b')), agent.failedRevisions().stream().map(FailedRevision::revision).toList());
            assertEquals(List.of(), agent.recentRollouts(10));
            agent.recordApplied(sha('c'), at(3));
            assertEquals(Optional.of(sha('c')), agent.lastApplied());
        }
    }
}
