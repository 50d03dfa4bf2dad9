package io.driftless.notify;

import io.driftless.events.AgentEvent;
import io.driftless.events.AgentEvent.*;
import io.driftless.events.Reason;
import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is sent, what is held back, and the recovery: pure, on a fake clock. */
class NoticeRulesTest {
    static final String BAD = "b".repeat(40);
    static final String GOOD = "a".repeat(40);
    static final String FIX = "c".repeat(40);

    FakeClock clock = new FakeClock();
    NoticeRules rules = new NoticeRules(clock, Duration.ofMinutes(10));

    Optional<String> sent(AgentEvent e) {
        return rules.decide(e).map(Notice::event);
    }

    RolloutFailed failed(String sha, Reason reason, String message) {
        return new RolloutFailed(clock.instant(), sha, reason, message, List.of());
    }

    @Test
    void aFailedRolloutSaysTheCommitTheReasonAndTheRevertToRun() {
        Notice n = rules.decide(failed(BAD, Reason.HEALTH_GATE_FAILED, "web did not answer 200 on /healthz within 30s")).orElseThrow();

        assertEquals("rollout.failed", n.event());
        assertEquals(Notice.ERROR, n.severity());
        assertEquals(BAD, n.commit());
        assertEquals("HealthGateFailed", n.reason());
        assertEquals("commit bbbbbbbbbbbb failed (HealthGateFailed): web did not answer 200 on /healthz within 30s. The host "
                + "stays on (or went back to) the last known-good commit. Next: run 'git revert " + BAD + "' and push it, "
                + "or push a fix; see runbooks/roll-back-a-bad-release.md", n.message());
    }

    @Test
    void theSameFailureIsNotSentAgainWithinAnHourButAfterIt() {
        assertEquals(Optional.of("rollout.failed"), sent(failed(BAD, Reason.HEALTH_GATE_FAILED, "no answer")));
        clock.advance(Duration.ofMinutes(59));
        assertEquals(Optional.empty(), sent(failed(BAD, Reason.HEALTH_GATE_FAILED, "no answer")));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.of("rollout.failed"), sent(failed(BAD, Reason.HEALTH_GATE_FAILED, "no answer")));
    }

    @Test
    void aChangedReasonOrAnotherCommitIsSentAtOnce() {
        assertEquals(Optional.of("rollout.failed"), sent(failed(BAD, Reason.HEALTH_GATE_FAILED, "no answer")));
        assertEquals(Optional.of("rollout.failed"), sent(failed(BAD, Reason.CONTAINER_EXITED, "exited with 1")));
        assertEquals(Optional.of("rollout.failed"), sent(failed(FIX, Reason.CONTAINER_EXITED, "exited with 1")));
        assertEquals(Optional.empty(), sent(failed(FIX, Reason.CONTAINER_EXITED, "exited with 1")));
    }

    @Test
    void theFirstApplyAfterAFailureIsTheRecoveryAndOnlyTheFirst() {
        sent(failed(BAD, Reason.HEALTH_GATE_FAILED, "no answer"));
        assertEquals(Optional.of("rollout.rolled_back"),
                sent(new RolledBack(clock.instant(), GOOD, BAD, Duration.ofMillis(3200))));

        Notice recovery = rules.decide(new RolloutApplied(clock.instant(), FIX, Duration.ofMillis(4100), false)).orElseThrow();
        assertEquals("rollout.recovered", recovery.event());
        assertEquals(Notice.INFO, recovery.severity());
        assertEquals(FIX, recovery.commit());
        assertEquals(Optional.empty(), sent(new RolloutApplied(clock.instant(), GOOD, Duration.ofSeconds(1), false)),
                "an apply with no failure before it is no news");
        assertEquals(Optional.of("rollout.failed"), sent(failed(BAD, Reason.HEALTH_GATE_FAILED, "no answer")),
                "after the recovery the same failure is news again");
    }

    @Test
    void theRepositoryIsReportedOnlyPastTheThresholdAndItsReturnAfterThat() {
        assertEquals(Optional.empty(), sent(new SourceUnavailable(clock.instant(), 1, "connection refused")));
        clock.advance(Duration.ofMinutes(9));
        assertEquals(Optional.empty(), sent(new SourceUnavailable(clock.instant(), 10, "connection refused")));
        assertEquals(Optional.empty(), sent(new SourceBack(clock.instant(), 10)), "never reported, so no recovery either");

        assertEquals(Optional.empty(), sent(new SourceUnavailable(clock.instant(), 1, "connection refused")));
        clock.advance(Duration.ofMinutes(10));
        Notice down = rules.decide(new SourceUnavailable(clock.instant(), 12, "connection refused")).orElseThrow();
        assertEquals("source.unavailable", down.event());
        assertTrue(down.message().startsWith("cannot read the repository for 10m (12 fetches in a row): connection refused;"),
                down.message());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), sent(new SourceUnavailable(clock.instant(), 14, "connection refused")));
        assertEquals(Optional.of("source.back"), sent(new SourceBack(clock.instant(), 14)));
    }

    @Test
    void backupsOffsiteCopiesAndDrillsFailAndRecoverPerPolicy() {
        assertEquals(Optional.of("backup.failed"), sent(new BackupFailed(clock.instant(), GOOD, "db", "scheduled", "pg_dump exited 1")));
        assertEquals(Optional.empty(), sent(new BackupFailed(clock.instant(), GOOD, "db", "scheduled", "pg_dump exited 1")));
        assertEquals(Optional.of("backup.failed"), sent(new BackupFailed(clock.instant(), GOOD, "other", "scheduled", "pg_dump exited 1")),
                "another policy is another subject");
        assertEquals(Optional.of("backup.recovered"),
                sent(new BackupStored(clock.instant(), GOOD, "db", "scheduled", 7, "db-7.dump", 2048, Duration.ofSeconds(2))));
        assertEquals(Optional.empty(),
                sent(new BackupStored(clock.instant(), GOOD, "db", "scheduled", 8, "db-8.dump", 2048, Duration.ofSeconds(2))));

        assertEquals(Optional.of("offsite.failed"), sent(new OffsiteFailed(clock.instant(), GOOD, "db", 8, "s3:bucket", "timeout")));
        assertEquals(Optional.of("offsite.recovered"), sent(new OffsiteCopied(clock.instant(), GOOD, "db", 9, "s3:bucket")));

        assertEquals(Optional.of("drill.failed"), sent(new DrillFailed(clock.instant(), GOOD, "db", "no backup", Duration.ofSeconds(1))));
        assertEquals(Optional.empty(), sent(new DrillFailed(clock.instant(), GOOD, "db", "no backup", Duration.ofSeconds(1))));
        assertEquals(Optional.of("drill.passed"), sent(new DrillPassed(clock.instant(), GOOD, "db", 9, Duration.ofSeconds(3), 2048, 4)));
        assertEquals(Optional.of("drill.passed"), sent(new DrillPassed(clock.instant(), GOOD, "db", 9, Duration.ofSeconds(3), 2048, 4)),
                "every passed drill is told");
        assertEquals(Optional.of("drill.failed"), sent(new DrillFailed(clock.instant(), GOOD, "db", "no backup", Duration.ofSeconds(1))),
                "a pass closed the failure");
    }

    @Test
    void eventsNobodyIsWokenForAreNotSent() {
        assertEquals(Optional.empty(), sent(new TipSeen(clock.instant(), BAD, false)));
        assertEquals(Optional.empty(), sent(new RolloutStarted(clock.instant(), BAD, 1, List.of())));
        assertEquals(Optional.empty(), sent(new RolloutApplied(clock.instant(), BAD, Duration.ofSeconds(1), false)));
        assertEquals(Optional.empty(), sent(new BackupStored(clock.instant(), GOOD, "db", "scheduled", 1, "f", 1, Duration.ZERO)));
    }

    @Test
    void manyProblemsOfARefusedCommitAreListedUpToFive() {
        List<String> details = List.of("a", "b", "c", "d", "e", "f", "g");
        Notice n = rules.decide(new RolloutFailed(Instant.EPOCH, BAD, Reason.INVALID_MANIFEST, "7 problems", details)).orElseThrow();
        assertTrue(n.message().contains("7 problems (a; b; c; d; e; and 2 more)."), n.message());
    }
}
