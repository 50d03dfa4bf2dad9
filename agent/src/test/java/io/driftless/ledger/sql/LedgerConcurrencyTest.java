package io.driftless.ledger.sql;

import io.driftless.events.Reason;
import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.ledger.FailedRevision;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.ServiceStatus;
import io.driftless.ledger.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent writes while {@code driftless status} reads through its own connection (WAL). */
class LedgerConcurrencyTest {
    @TempDir
    Path stateDir;

    @Test
    void statusReadsTheLastCommittedStateWithoutWaitingWhileTheAgentIsMidWrite() throws Exception {
        try (Ledger agent = SqlLedger.open(stateDir)) {
            agent.recordApplied(sha('a'), at(0));
        }
        ExecutorService agentThread = Executors.newSingleThreadExecutor();
        try (LedgerDatabase writer = LedgerDatabase.openForWriting(SqliteFile.forWriting(stateDir));
                Ledger status = SqlLedger.openReadOnly(stateDir)) {
            CountDownLatch midWrite = new CountDownLatch(1);
            CountDownLatch finishWrite = new CountDownLatch(1);
            Future<?> write = agentThread.submit(() -> writer.change("apply b slowly", c -> {
                RevisionHistory.setPointer(c, RevisionHistory.LAST_APPLIED, sha('b'), at(1));
                midWrite.countDown();
                awaitQuietly(finishWrite);
            }));
            assertTrue(midWrite.await(10, SECONDS), "the writer never reached the middle of its transaction");

            long started = System.nanoTime();
            assertEquals(Optional.of(sha('a')), status.lastApplied(), "status must not see an uncommitted write");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "status waited for the writer: " + took);

            finishWrite.countDown();
            write.get(10, SECONDS);
            assertEquals(Optional.of(sha('b')), status.lastApplied());
        } finally {
            agentThread.shutdownNow();
        }
    }

    @Test
    void statusNeverSeesHalfAnUpdateWhileTheAgentKeepsWriting() throws Exception {
        try (Ledger agent = SqlLedger.open(stateDir); Ledger status = SqlLedger.openReadOnly(stateDir)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService agentThread = Executors.newSingleThreadExecutor();
            Future<?> writes = agentThread.submit(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        String sha = String.format("%040x", i);
                        agent.recordAttempt(sha, at(i));
                        agent.recordFailed(sha, Reason.HEALTH_GATE_FAILED, "try " + i, at(i));
                        agent.recordApplied(sha, at(i));
                        agent.saveServices(List.of(new ServiceStatus("web", "acme/web:" + i, sha, "blue", "web-blue",
                                "running")), at(i));
                    }
                } finally {
                    writing.set(false);
                }
            });
            int reads = 0;
            while (writing.get() || reads == 0) {
                Status s = status.status();
                if (s.lastAppliedRevision() != null) {
                    assertFalse(s.failedRevisions().stream().anyMatch(f -> f.revision().equals(s.lastAppliedRevision())),
                            () -> "applied revision still listed as failed: " + s);
                }
                reads++;
            }
            writes.get(30, SECONDS);
            agentThread.shutdown();
            assertTrue(reads > 1, "the reader ran only " + reads + " time(s)");
            assertEquals(String.format("%040x", 299), status.status().lastAppliedRevision());
            assertEquals(List.of(), status.failedRevisions());
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothingBehind() {
        try (Ledger agent = SqlLedger.open(stateDir)) {
            agent.recordApplied(sha('a'), at(0));
            agent.recordFailed(sha('b'), Reason.HEALTH_GATE_FAILED, "web unhealthy", at(1));
        }
        try (LedgerDatabase db = LedgerDatabase.openForWriting(SqliteFile.forWriting(stateDir))) {
            assertThrows(IllegalStateException.class, () -> db.change("apply b", c -> {
                RevisionHistory.setPointer(c, RevisionHistory.LAST_APPLIED, sha('b'), at(2));
                RevisionHistory.clearFailure(c, sha('b'));
                throw new IllegalStateException("disk pulled out mid-write");
            }));
        }
        try (Ledger agent = SqlLedger.open(stateDir)) {
            assertEquals(Optional.of(sha('a')), agent.lastApplied());
            assertEquals(List.of(sha('b')), agent.failedRevisions().stream().map(FailedRevision::revision).toList());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, SECONDS)) {
                throw new IllegalStateException("test never released the writer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
