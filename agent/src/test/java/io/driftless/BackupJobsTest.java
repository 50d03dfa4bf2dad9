package io.driftless;

import io.driftless.backup.BackupRunner;
import io.driftless.backup.PgAccessFactory;
import io.driftless.desired.ManifestParser;
import io.driftless.events.EventBus;
import io.driftless.ledger.BackupKind;
import io.driftless.ledger.BackupStatus;
import io.driftless.ledger.NewBackup;
import io.driftless.ledger.memory.MemoryLedger;
import io.driftless.rollout.Reconciler;
import io.driftless.schedule.ResourceLocks;
import io.driftless.schedule.Scheduler;
import io.driftless.schedule.Waiter;
import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The scheduled backups and drills of {@code run} follow the host's manifest: registered from its policies, moved when
 * a schedule changes, removed with the policy, caught up when a firing was missed, and written to the ledger for
 * {@code status}. Nothing runs here (the scheduler's loop is not started): what is checked is what would run when.
 */
class BackupJobsTest {
    static final String A = "a".repeat(40);
    static final String B = "b".repeat(40);
    final FakeClock clock = new FakeClock(Instant.parse("2026-12-02T08:00:00Z")); // a Wednesday
    final MemoryLedger ledger = new MemoryLedger();
    final Scheduler scheduler = new Scheduler(clock, clock, Waiter.REAL, new Random(1), Scheduler.INLINE,
            new ResourceLocks(clock, Waiter.REAL));
    final BackupRunner runner = new BackupRunner(new NoDatabases(), (policy, offsite) -> {
        throw new AssertionError("nothing runs in this test");
    }, (policy, wait) -> () -> { }, ledger, new EventBus((event, e) -> { }), clock, ZoneOffset.UTC, Duration.ofHours(1));
    Reconciler.HostManifest host;
    final BackupJobs jobs = new BackupJobs(scheduler, runner, () -> {
        if (host == null) {
            throw new Reconciler.NoHostManifest("no commit has been applied yet");
        }
        return host;
    }, ledger, ZoneOffset.UTC, Duration.ofHours(2));

    static Reconciler.HostManifest manifest(String commit, String backups) throws Exception {
        return new Reconciler.HostManifest(commit, ManifestParser.parse("driftless.yaml", "version: 1\nservices: {}\nbackups:\n" + backups));
    }

    static String policy(String name, String schedule, String verify) {
        return "  " + name + ":\n"
                + "    postgres: {url: \"postgresql://app@127.0.0.1:5432/app\"}\n"
                + "    schedule: \"" + schedule + "\"\n"
                + "    keep: {last: 3}\n"
                + (verify == null ? "" : "    verify: {restore: " + verify + "}\n");
    }

    Map<String, BackupStatus> status() {
        return ledger.backupStatus().stream().collect(Collectors.toMap(BackupStatus::name, s -> s));
    }

    @Test
    void eachPolicyGetsItsBackupAndDrillScheduledAndStatusShowsWhen() throws Exception {
        host = manifest(A, policy("main-db", "0 3 * * *", "weekly") + policy("logs", "30 */6 * * *", null));

        jobs.sync();

        Map<String, BackupStatus> status = status();
        assertEquals(Instant.parse("2026-12-03T03:00:00Z"), status.get("main-db").nextBackupAt());
        assertEquals(Instant.parse("2026-12-06T05:00:00Z"), status.get("main-db").nextDrillAt(), "weekly: Sunday 05:00");
        assertEquals(Instant.parse("2026-12-02T12:30:00Z"), status.get("logs").nextBackupAt());
        assertNull(status.get("logs").nextDrillAt(), "no verify: no drill");
    }

    @Test
    void aNewCommitMovesAChangedScheduleAndDropsARemovedPolicy() throws Exception {
        host = manifest(A, policy("main-db", "0 3 * * *", "daily") + policy("logs", "30 */6 * * *", null));
        jobs.sync();

        host = manifest(B, policy("main-db", "15 1 * * *", "never"));
        jobs.sync();

        Map<String, BackupStatus> status = status();
        assertEquals(List.of("main-db"), List.copyOf(status.keySet()), "logs left the manifest: " + status.keySet());
        assertEquals(Instant.parse("2026-12-03T01:15:00Z"), status.get("main-db").nextBackupAt());
        assertNull(status.get("main-db").nextDrillAt(), "restore: never");
    }

    @Test
    void aBackupMissedWhileTheAgentWasDownIsDueAtStartUp() throws Exception {
        ledger.recordBackup(new NewBackup("main-db", BackupKind.SCHEDULED, Instant.parse("2026-12-01T03:00:02Z"),
                "/var/backups/driftless/main-db/main-db-20261201T030002Z.dump", 1000, "0".repeat(64), true));
        ledger.recordBackup(new NewBackup("fresh", BackupKind.SCHEDULED, Instant.parse("2026-12-02T03:00:02Z"),
                "/var/backups/driftless/fresh/fresh-20261202T030002Z.dump", 1000, "0".repeat(64), true));
        host = manifest(A, policy("main-db", "0 3 * * *", null) + policy("fresh", "0 3 * * *", null));

        jobs.sync();

        assertEquals(clock.instant(), status().get("main-db").nextBackupAt(), "today's 03:00 was missed: due now");
        assertEquals(Instant.parse("2026-12-03T03:00:00Z"), status().get("fresh").nextBackupAt(), "nothing missed");
    }

    @Test
    void withNoManifestYetNothingIsScheduledAndTheNextPassTriesAgain() throws Exception {
        jobs.sync();
        assertEquals(List.of(), ledger.backupStatus());

        host = manifest(A, policy("main-db", "0 3 * * *", null));
        jobs.sync();
        assertEquals(Instant.parse("2026-12-03T03:00:00Z"), status().get("main-db").nextBackupAt());
    }

    @Test
    void drillWordsAreCronLinesAfterTheNightsBackups() {
        assertEquals(Map.of("daily", "0 5 * * *", "weekly", "0 5 * * 0", "monthly", "0 5 1 * *"), BackupJobs.DRILL_WORDS);
    }

    /** No database is reached in these tests. */
    static final class NoDatabases implements PgAccessFactory {
        @Override
        public io.driftless.backup.PgAccess of(io.driftless.desired.Backup policy) throws Unusable {
            throw new Unusable("no database in this test");
        }

        @Override
        public io.driftless.backup.PgAccess ofUrl(String url, java.util.Optional<Path> passwordFile) throws Unusable {
            throw new Unusable("no database in this test");
        }
    }
}
