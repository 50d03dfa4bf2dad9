package io.driftless.ledger;

import io.driftless.events.Reason;
import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerRolloutsTest extends LedgerContract {
    @Test
    void aRolloutKeepsItsStepsInOrderWithTimings() {
        try (Ledger ledger = open()) {
            long id = ledger.startRollout(sha('b'), at(0));
            ledger.recordStep(id, "start web green", at(0), at(2), "ok");
            ledger.recordStep(id, "health gate web green", at(2), at(9), "ok after 3 probes");
            ledger.recordStep(id, "switch routes", at(9), at(9).plusMillis(40), "ok");
            ledger.finishRollout(id, RolloutOutcome.APPLIED, null, at(20));

            RolloutRecord rollout = ledger.recentRollouts(1).getFirst();
            assertEquals(new RolloutRecord(id, sha('b'), at(0), at(20), RolloutOutcome.APPLIED, null, List.of(
                    new RolloutStep(1, "start web green", at(0), at(2), "ok"),
                    new RolloutStep(2, "health gate web green", at(2), at(9), "ok after 3 probes"),
                    new RolloutStep(3, "switch routes", at(9), at(9).plusMillis(40), "ok"))), rollout);
            assertEquals(Duration.ofMillis(40), rollout.steps().get(2).took());
        }
    }

    @Test
    void aRolloutKeepsItsCommitSubjectAndOneWithoutHasNone() {
        try (Ledger ledger = open()) {
            long with = ledger.startRollout(sha('b'), "web: bump to 1.4.3 (fixes the login loop)", at(0));
            ledger.finishRollout(with, RolloutOutcome.APPLIED, null, at(1));
            long without = ledger.startRollout(sha('c'), at(2));
            ledger.finishRollout(without, RolloutOutcome.FAILED, Reason.HEALTH_GATE_FAILED, at(3));
        }
        try (Ledger ledger = open()) {
            List<RolloutRecord> recent = ledger.recentRollouts(2);
            assertNull(recent.get(0).subject());
            assertEquals("web: bump to 1.4.3 (fixes the login loop)", recent.get(1).subject());
        }
    }

    @Test
    void aLongStepIsKeptWhole() {
        // A switch of ten routed services names each of them: far past the 200 characters V1's schema allowed.
        String step = "switch routes " + "service-with-a-long-name-".repeat(80);
        try (Ledger ledger = open()) {
            long id = ledger.startRollout(sha('b'), at(0));
            ledger.recordStep(id, step, at(0), at(1), "ok");

            assertEquals(2_014, step.length());
            assertEquals(step, ledger.recentRollouts(1).getFirst().steps().getFirst().step());
        }
    }

    @Test
    void aRunningRolloutHasNoOutcomeYet() {
        try (Ledger ledger = open()) {
            long id = ledger.startRollout(sha('b'), at(0));

            RolloutRecord rollout = ledger.recentRollouts(5).getFirst();
            assertEquals(id, rollout.id());
            assertNull(rollout.outcome());
            assertNull(rollout.finishedAt());
            assertEquals(List.of(), rollout.steps());
        }
    }

    @Test
    void recentRolloutsAreNewestFirstAndLimitedEachWithItsOwnSteps() {
        try (Ledger ledger = open()) {
            for (char c : new char[] {'a', 'b', 'c', 'd'}) {
                long id = ledger.startRollout(sha(c), at(c));
                ledger.recordStep(id, "start " + c, at(c), at(c + 1), "ok");
                ledger.finishRollout(id, RolloutOutcome.FAILED, Reason.CONTAINER_EXITED, at(c + 2));
            }

            List<RolloutRecord> recent = ledger.recentRollouts(3);
            assertEquals(List.of(sha('d'), sha('c'), sha('b')), recent.stream().map(RolloutRecord::revision).toList());
            for (RolloutRecord r : recent) {
                assertEquals(1, r.steps().size(), () -> "steps of " + r);
                assertEquals("start " + r.revision().charAt(0), r.steps().getFirst().step());
            }
        }
    }

    @Test
    void startUpAfterACrashMarksOnlyUnfinishedRolloutsInterrupted() {
        try (Ledger ledger = open()) {
            long done = ledger.startRollout(sha('a'), at(0));
            ledger.finishRollout(done, RolloutOutcome.APPLIED, null, at(5));
            long crashed = ledger.startRollout(sha('b'), at(10));
            ledger.recordStep(crashed, "start web green", at(10), at(11), "ok");
        }
        try (Ledger ledger = open()) {
            assertEquals(1, ledger.markInterrupted(at(100)));
            assertEquals(0, ledger.markInterrupted(at(101)));

            List<RolloutRecord> recent = ledger.recentRollouts(10);
            assertEquals(RolloutOutcome.INTERRUPTED, recent.get(0).outcome());
            assertEquals("AgentStopped", recent.get(0).reason());
            assertEquals(at(100), recent.get(0).finishedAt());
            assertEquals(1, recent.get(0).steps().size());
            assertEquals(RolloutOutcome.APPLIED, recent.get(1).outcome());
            assertEquals(at(5), recent.get(1).finishedAt());
        }
    }

    @Test
    void finishingARolloutTwiceIsRefusedAndKeepsTheFirstOutcome() {
        try (Ledger ledger = open()) {
            long id = ledger.startRollout(sha('b'), at(0));
            ledger.finishRollout(id, RolloutOutcome.FAILED, Reason.HEALTH_GATE_FAILED, at(1));

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ledger.finishRollout(id, RolloutOutcome.APPLIED, null, at(2)));
            assertTrue(e.getMessage().contains("already finished as FAILED"), e.getMessage());
            assertEquals(RolloutOutcome.FAILED, ledger.recentRollouts(1).getFirst().outcome());
        }
    }

    @Test
    void stepsOfAnUnknownRolloutAreRefused() {
        try (Ledger ledger = open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ledger.recordStep(42, "start web green", at(0), at(1), "ok"));
            assertTrue(e.getMessage().contains("no rollout 42"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> ledger.finishRollout(42, RolloutOutcome.APPLIED, null, at(1)));
        }
    }

    @Test
    void aStepThatEndsBeforeItStartsIsRefused() {
        try (Ledger ledger = open()) {
            long id = ledger.startRollout(sha('b'), at(0));
            assertThrows(IllegalArgumentException.class, () -> ledger.recordStep(id, "drain", at(5), at(4), "ok"));
            assertEquals(List.of(), ledger.recentRollouts(1).getFirst().steps());
        }
    }

    @Test
    void oldRolloutsArePrunedWithTheirSteps() {
        try (Ledger ledger = open()) {
            long first = ledger.startRollout(sha('a'), at(0));
            ledger.recordStep(first, "start web green", at(0), at(1), "ok");
            for (int i = 1; i <= Ledger.KEEP_ROLLOUTS; i++) {
                ledger.startRollout(sha('b'), at(i));
            }

            List<RolloutRecord> all = ledger.recentRollouts(Ledger.KEEP_ROLLOUTS + 10);
            assertEquals(Ledger.KEEP_ROLLOUTS, all.size());
            assertEquals(first + 1, all.getLast().id());
        }
    }
}
