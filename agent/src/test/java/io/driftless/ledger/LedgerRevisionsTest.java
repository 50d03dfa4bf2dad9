package io.driftless.ledger;

import io.driftless.events.Reason;
import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerRevisionsTest extends LedgerContract {
    @Test
    void freshLedgerHasNoRevisions() {
        try (Ledger ledger = open()) {
            assertEquals(Optional.empty(), ledger.lastAttempted());
            assertEquals(Optional.empty(), ledger.lastApplied());
            assertEquals(List.of(), ledger.failedRevisions());
        }
    }

    @Test
    void attemptMovesLastAttemptedButNotLastApplied() {
        try (Ledger ledger = open()) {
            ledger.recordAttempt(sha('a'), at(0));
            ledger.recordApplied(sha('a'), at(1));
            ledger.recordAttempt(sha('b'), at(2));

            assertEquals(Optional.of(sha('b')), ledger.lastAttempted());
            assertEquals(Optional.of(sha('a')), ledger.lastApplied());
        }
    }

    @Test
    void failureKeepsLastKnownGoodAndRemembersWhy() {
        try (Ledger ledger = open()) {
            ledger.recordApplied(sha('a'), at(0));
            ledger.recordAttempt(sha('b'), at(1));
            ledger.recordFailed(sha('b'), Reason.HEALTH_GATE_FAILED, "web did not answer /healthz within 60s", at(61));

            assertEquals(Optional.of(sha('a')), ledger.lastApplied());
            assertEquals(Optional.of(sha('b')), ledger.lastAttempted());
            assertEquals(Optional.of(new FailedRevision(sha('b'), "HealthGateFailed",
                    "web did not answer /healthz within 60s", at(61))), ledger.failure(sha('b')));
            assertEquals(Optional.empty(), ledger.failure(sha('a')));
        }
    }

    @Test
    void applyingAFailedRevisionClearsItsFailureOnly() {
        try (Ledger ledger = open()) {
            ledger.recordFailed(sha('b'), Reason.IMAGE_UNAVAILABLE, "image web:2 is not on this host", at(0));
            ledger.recordFailed(sha('c'), Reason.INVALID_MANIFEST, "driftless.yaml:3:5: unknown key", at(1));

            ledger.recordApplied(sha('b'), at(2));

            assertEquals(Optional.empty(), ledger.failure(sha('b')));
            assertEquals(List.of(sha('c')), revisions(ledger.failedRevisions()));
            assertEquals(Optional.of(sha('b')), ledger.lastApplied());
        }
    }

    @Test
    void failedRevisionsAreNewestFirst() {
        try (Ledger ledger = open()) {
            ledger.recordFailed(sha('b'), Reason.CONTAINER_EXITED, "web exited with code 1", at(10));
            ledger.recordFailed(sha('c'), Reason.PROXY_REJECTED, "Caddy answered 400", at(20));
            ledger.recordFailed(sha('d'), Reason.NON_FAST_FORWARD, "main was rewound", at(30));

            assertEquals(List.of(sha('d'), sha('c'), sha('b')), revisions(ledger.failedRevisions()));
        }
    }

    @Test
    void failuresInTheSameMillisecondKeepTheOrderTheyWereRecorded() {
        try (Ledger ledger = open()) {
            ledger.recordFailed(sha('b'), Reason.CONTAINER_EXITED, "first", at(5));
            ledger.recordFailed(sha('c'), Reason.CONTAINER_EXITED, "second", at(5));

            assertEquals(List.of(sha('c'), sha('b')), revisions(ledger.failedRevisions()));
        }
    }

    @Test
    void aRevisionThatFailsAgainMovesToTheTopWithItsNewReason() {
        try (Ledger ledger = open()) {
            ledger.recordFailed(sha('b'), Reason.HEALTH_GATE_FAILED, "first try", at(10));
            ledger.recordFailed(sha('c'), Reason.INVALID_MANIFEST, "bad yaml", at(20));
            ledger.recordFailed(sha('b'), Reason.IMAGE_UNAVAILABLE, "after reconcile --retry", at(30));

            List<FailedRevision> failed = ledger.failedRevisions();
            assertEquals(List.of(sha('b'), sha('c')), revisions(failed));
            assertEquals(new FailedRevision(sha('b'), "ImageUnavailable", "after reconcile --retry", at(30)),
                    failed.getFirst());
        }
    }

    @Test
    void aFailureNeedsAReasonAndACommit() {
        try (Ledger ledger = open()) {
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> ledger.recordFailed(sha('b'), null, "msg", at(0)));
            assertTrue(e.getMessage().contains("reason"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ledger.recordFailed(" ", Reason.HEALTH_GATE_FAILED, "msg", at(0)));
            assertThrows(IllegalArgumentException.class, () -> ledger.recordAttempt(" ", at(0)));
            assertEquals(List.of(), ledger.failedRevisions());
        }
    }

    @Test
    void timesAreKeptToTheMillisecond() {
        try (Ledger ledger = open()) {
            ledger.recordFailed(sha('b'), Reason.CONTAINER_EXITED, "exited", at(0).plusNanos(1_234_567));

            assertEquals(at(0).plusMillis(1), ledger.failure(sha('b')).orElseThrow().failedAt());
        }
    }

    @Test
    void reopeningTheLedgerKeepsEverything() {
        try (Ledger ledger = open()) {
            ledger.recordApplied(sha('a'), at(0));
            ledger.recordAttempt(sha('b'), at(1));
            ledger.recordFailed(sha('b'), Reason.HEALTH_GATE_FAILED, "web unhealthy", at(2));
            long id = ledger.startRollout(sha('b'), at(1));
            ledger.finishRollout(id, RolloutOutcome.FAILED, Reason.HEALTH_GATE_FAILED, at(2));
            ledger.event(at(2), "ERROR", sha('b'), "web", "web unhealthy");
        }
        try (Ledger ledger = open()) {
            assertEquals(Optional.of(sha('a')), ledger.lastApplied());
            assertEquals(Optional.of(sha('b')), ledger.lastAttempted());
            assertEquals(List.of(sha('b')), revisions(ledger.failedRevisions()));
            assertEquals(1, ledger.recentRollouts(10).size());
            assertEquals(1, ledger.recentEvents(10).size());
            // Ids continue after a restart rather than starting over.
            assertEquals(2, ledger.startRollout(sha('c'), at(3)));
        }
    }

    private static List<String> revisions(List<FailedRevision> failed) {
        return failed.stream().map(FailedRevision::revision).toList();
    }
}
