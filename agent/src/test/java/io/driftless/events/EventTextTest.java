package io.driftless.events;

import io.driftless.events.AgentEvent.*;
import io.driftless.plan.Change;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sentences operators read: the same words the journal wrote before events existed. */
class EventTextTest {
    static final Instant AT = Instant.parse("2026-12-02T03:00:00Z");
    static final String TIP = "0123456789abcdef0123456789abcdef01234567";
    static final String GOOD = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void aLineNamesTheShortCommitAndTheService() {
        EventText.Line line = single(new StepStarted(AT, TIP, new io.driftless.plan.Step.RemoveContainer("web",
                io.driftless.live.Slot.GREEN, "c1", "left over")));
        assertEquals(Severity.INFO, line.severity());
        assertTrue(line.toString().startsWith("commit 0123456789ab service web: "), line.toString());
    }

    @Test
    void aSuspendedPassNamesTheCommitHeldTheTipNotAppliedAndHowToResume() {
        EventText.Line line = single(new PassSuspended(AT, GOOD, TIP, AT.minusSeconds(600), "ops@vps1", "db migration"));
        assertEquals(Severity.WARN, line.severity());
        assertEquals("commit 89abcdef0123: suspended since 2026-12-02T02:50:00Z by ops@vps1 (db migration): tip "
                + "0123456789ab is not applied; what runs is still repaired. Run 'driftless resume' to apply new commits "
                + "again", line.toString());
        assertEquals("commit -: suspended since 2026-12-02T02:50:00Z by ops@vps1: nothing was applied yet, so nothing is "
                + "kept running. Run 'driftless resume' to apply new commits again",
                single(new PassSuspended(AT, null, TIP, AT.minusSeconds(600), "ops@vps1", null)).toString());
    }

    @Test
    void aLineWithoutACommitSaysSo() {
        assertEquals("commit -: cannot reach Docker: connection refused",
                single(new HostUnreachable(AT, Part.DOCKER, "connection refused")).toString());
        assertEquals("commit -: cannot read Caddy's routes: 502",
                single(new HostUnreachable(AT, Part.PROXY, "502")).toString());
    }

    @Test
    void aRefusedCommitListsEachProblemThenTheFailure() {
        List<EventText.Line> lines = EventText.lines(new RolloutFailed(AT, TIP, Reason.POLICY_VIOLATION,
                "service web: privileged; service api: host network", List.of("service web: privileged", "service api: host network")));
        assertEquals(List.of("commit 0123456789ab: service web: privileged", "commit 0123456789ab: service api: host network",
                        "commit 0123456789ab: failed (PolicyViolation): service web: privileged; service api: host network"),
                lines.stream().map(EventText.Line::toString).toList());
        assertTrue(lines.stream().allMatch(l -> l.severity() == Severity.ERROR));
    }

    @Test
    void aRolloutTellsEachChangeUnderItsService() {
        List<EventText.Line> lines = EventText.lines(new RolloutStarted(AT, TIP, 7, List.of(
                new Change("web", "image", "acme/web:1", "acme/web:2"), new Change("worker", "added", null, "acme/w:1"))));
        assertEquals(List.of("commit 0123456789ab service web: image: acme/web:1 → acme/web:2",
                "commit 0123456789ab service worker: added: acme/w:1"), lines.stream().map(EventText.Line::toString).toList());
    }

    @Test
    void theWordsOfAPassAreThoseOperatorsKnow() {
        assertEquals("new tip of the branch", text(new TipSeen(AT, TIP, false)));
        assertEquals("retrying as asked", text(new TipSeen(AT, TIP, true)));
        assertEquals("applied in 1.25s", text(new RolloutApplied(AT, TIP, Duration.ofMillis(1250), false)));
        assertEquals("applied (the host already ran it)", text(new RolloutApplied(AT, TIP, Duration.ZERO, true)));
        assertEquals("applied in 0.5s", text(new DriftRepaired(AT, TIP, Duration.ofMillis(500))));
        assertEquals("failed earlier (HealthGateFailed: GET /healthz did not answer 2xx); not retried. Push a fix or a "
                        + "revert, or run 'driftless reconcile --retry'",
                text(new FailedCommitSkipped(AT, TIP, "HealthGateFailed", "GET /healthz did not answer 2xx")));
        assertEquals("cannot read the repository (1 time in a row): 503; the host keeps running the last known-good commit",
                text(new SourceUnavailable(AT, 1, "503")));
        assertEquals("cannot read the repository (3 times in a row): 503; the host keeps running the last known-good commit",
                text(new SourceUnavailable(AT, 3, "503")));
        assertEquals("the repository answers again after 3 failed fetch(es)", text(new SourceBack(AT, 3)));
        assertEquals("restoring the last known-good commit (tip 0123456789ab is failed)",
                text(new RollbackStarted(AT, GOOD, TIP)));
        assertEquals("rollout stopped because the host failed (DockerError): gone; the commit is not blamed, and the next "
                + "pass tries again", text(new RolloutStopped(AT, TIP, "web", Reason.DOCKER_ERROR, "gone")));
        assertEquals("the disk holding /var/lib/driftless is full (12 bytes free): no rollout starts until there is room; "
                + "the host keeps running as it is. Make room on that disk", text(new DiskFull(AT, "/var/lib/driftless", 12)));
    }

    @Test
    void aFinishedRollbackIsToldByItsStartLine() {
        assertEquals(List.of(), EventText.lines(new RolledBack(AT, GOOD, TIP, Duration.ofSeconds(4))));
    }

    @Test
    void aFinishedStepIsHistoryNotALine() {
        assertEquals(List.of(), EventText.lines(new StepFinished(AT, TIP, new io.driftless.plan.Step.Drain(Duration.ofSeconds(3),
                List.of("web")), AT.minusSeconds(3), null)));
    }

    @Test
    void severitiesFollowWhoMustAct() {
        assertEquals(Severity.ERROR, new RolloutFailed(AT, TIP, Reason.HEALTH_GATE_FAILED, "m", List.of()).severity());
        assertEquals(Severity.WARN, new RolloutStopped(AT, TIP, null, Reason.PROXY_UNAVAILABLE, "m").severity());
        assertEquals(Severity.INFO, new RolledBack(AT, GOOD, TIP, Duration.ZERO).severity());
    }

    @Test
    void everyBackupLineNamesTheCommitAndTheBackup() {
        Duration took = Duration.ofMillis(1500);
        List<AgentEvent> events = List.of(
                new BackupStored(AT, TIP, "main-db", "manual", 3, "/b/main-db/main-db-20261202T030000Z.dump", 2048, took),
                new BackupFailed(AT, TIP, "main-db", "scheduled", "dump failed: pg_dump exited 1"),
                new BackupsRotated(AT, TIP, "main-db", List.of("main-db-20261201T030000Z.dump")),
                new OffsiteCopied(AT, TIP, "main-db", 3, "dir:/mnt/offsite"),
                new OffsiteFailed(AT, TIP, "main-db", 3, "rclone:b2:acme", "copy failed: 403"),
                new DrillPassed(AT, TIP, "main-db", 3, took, 2048, 4),
                new DrillFailed(AT, TIP, "main-db", "verify failed: the verify query answered false", took),
                new DatabaseRestored(AT, TIP, "main-db", 3, "app", "app_replaced_20261202030000", 4, took),
                new RestoreFailed(AT, TIP, "main-db", "app", "restore failed: pg_restore exited 1", took));
        for (AgentEvent event : events) {
            EventText.Line line = single(event);
            assertTrue(line.toString().startsWith("commit 0123456789ab backup main-db: "), line.toString());
            assertEquals(1, line.toString().lines().count(), line.toString());
        }
        assertEquals("commit -: failed", new EventText.Line(Severity.INFO, null, null, null, "failed").toString());
        assertTrue(single(new BackupFailed(AT, null, "main-db", "manual", "x")).toString().startsWith("commit - backup main-db: "));
    }

    @Test
    void theBackupLinesSayWhatHappenedAndWhatToDo() {
        assertEquals("manual backup #3 stored and read back whole: /b/main-db/x.dump (2.0 KiB, 1.5s)",
                text(new BackupStored(AT, TIP, "main-db", "manual", 3, "/b/main-db/x.dump", 2048, Duration.ofMillis(1500))));
        assertEquals(Severity.ERROR, single(new BackupFailed(AT, TIP, "main-db", "scheduled", "m")).severity());
        assertEquals("scheduled backup failed: dump failed: x; older backups are untouched",
                text(new BackupFailed(AT, TIP, "main-db", "scheduled", "dump failed: x")));
        assertEquals("rotation deleted 2 old backups: a.dump, b.dump",
                text(new BackupsRotated(AT, TIP, "main-db", List.of("a.dump", "b.dump"))));
        assertTrue(text(new OffsiteFailed(AT, TIP, "main-db", 0, "dir:/mnt", "prune failed"))
                .endsWith("'driftless backup run main-db'"), "says what to run");
        assertFalse(text(new OffsiteFailed(AT, TIP, "main-db", 0, "dir:/mnt", "prune failed")).contains("#0"),
                "a prune failure names no backup id");
        assertEquals("restore drill passed: backup #3 (2.0 KiB, 1 table) restored and checked in 0.25s",
                text(new DrillPassed(AT, TIP, "main-db", 3, Duration.ofMillis(250), 2048, 1)));
        assertTrue(text(new DrillFailed(AT, TIP, "main-db", "m", Duration.ZERO)).contains("runbooks/restore-the-database.md"));
    }

    private static EventText.Line single(AgentEvent event) {
        List<EventText.Line> lines = EventText.lines(event);
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    private static String text(AgentEvent event) {
        return single(event).text();
    }
}
