package io.driftless.ledger;

import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {
    @Test
    void aFailedRolloutReadsAtAGlance() {
        Status status = new Status(sha('b'), sha('a'),
                List.of(new FailedRevision(sha('b'), "HealthGateFailed",
                        "web: GET /healthz on web-green answered 503 for 60s\ncheck the app's logs: docker logs web-green",
                        at(70))),
                List.of(
                        new Condition("Ready", "False", "HealthGateFailed", "bbbbbbbbbbbb failed; serving aaaaaaaaaaaa",
                                at(70)),
                        new Condition("Reconciling", "False", "Idle", null, at(70)),
                        new Condition("Stalled", "True", "HealthGateFailed", "waiting for a new commit", at(70))),
                List.of(
                        new ServiceStatus("web", "registry.example.com/acme/web:1.4.2", sha('a'), "blue", "web-blue",
                                "running"),
                        new ServiceStatus("worker", "registry.example.com/acme/worker:1.4.2", sha('a'), null,
                                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "running")),
                at(71));

        assertEquals("""
                Last applied:    aaaaaaaaaaaa  (last known-good)
                Last attempted:  bbbbbbbbbbbb  FAILED: HealthGateFailed (see below)
                Observed:        2026-11-04 03:01:11 UTC (49s ago)
                Ready:           False   HealthGateFailed: bbbbbbbbbbbb failed; serving aaaaaaaaaaaa  (since 2026-11-04 03:01:10 UTC, 50s ago)
                Reconciling:     False   Idle  (since 2026-11-04 03:01:10 UTC, 50s ago)
                Stalled:         True    HealthGateFailed: waiting for a new commit  (since 2026-11-04 03:01:10 UTC, 50s ago)

                SERVICE  IMAGE                                   REVISION      SLOT  CONTAINER     STATE
                web      registry.example.com/acme/web:1.4.2     aaaaaaaaaaaa  blue  web-blue      running
                worker   registry.example.com/acme/worker:1.4.2  aaaaaaaaaaaa  -     0123456789ab  running

                Failed revisions (newest first; not retried until a new commit or reconcile --retry):
                  bbbbbbbbbbbb  HealthGateFailed  2026-11-04 03:01:10 UTC (50s ago)
                      web: GET /healthz on web-green answered 503 for 60s
                      check the app's logs: docker logs web-green
                """, StatusTable.render(status, at(120)));
    }

    @Test
    void aSuspendedHostSaysSoFirst() {
        Status status = new Status(null, sha('a'), List.of(), List.of(), List.of(), null, List.of(),
                new Suspension(at(0), "ops@vps1", "db migration"));

        String first = StatusTable.render(status, at(300)).lines().findFirst().orElseThrow();

        assertEquals("SUSPENDED:       no new commit is applied; what runs is still repaired (since "
                + "2026-11-04 03:00:00 UTC (5m ago) by ops@vps1: db migration; 'driftless resume' ends it)", first);
    }

    @Test
    void aLedgerTheAgentHasNotFilledYetSaysSo() {
        Status empty = new Status(null, null, List.of(), List.of(), List.of(), null);

        assertEquals("""
                Last applied:    none yet
                Last attempted:  none yet
                Observed:        never (the agent has not finished a pass yet)

                Services: none

                Failed revisions: none
                """, StatusTable.render(empty, at(0)));
    }

    @Test
    void anAppliedAttemptIsMarkedApplied() {
        Status status = new Status(sha('a'), sha('a'), List.of(), List.of(), List.of(), at(0));

        String table = StatusTable.render(status, at(3 * 3600 + 125));

        assertTrue(table.contains("Last attempted:  aaaaaaaaaaaa  (applied)\n"), table);
        assertTrue(table.contains("(3h 2m ago)"), table);
    }

    @Test
    void onlyTheNewestFailuresAreListed() {
        List<FailedRevision> failed = new ArrayList<>();
        for (int i = 0; i < StatusTable.MAX_FAILED_SHOWN + 3; i++) {
            failed.add(new FailedRevision(String.format("%040x", i), "InvalidManifest", "bad " + i, at(-i)));
        }
        String table = StatusTable.render(new Status(null, null, failed, List.of(), List.of(), at(0)), at(0));

        assertTrue(table.contains("bad 9\n"), table);
        assertTrue(!table.contains("bad 10\n"), table);
        assertTrue(table.contains("  ... and 3 older (driftless status --json lists them all)\n"), table);
    }

    @Test
    void agesAreShortAndHuman() {
        assertEquals("just now", StatusTable.ago(Duration.ofMillis(300)));
        assertEquals("just now", StatusTable.ago(Duration.ofSeconds(-5)));
        assertEquals("59s ago", StatusTable.ago(Duration.ofSeconds(59)));
        assertEquals("2m ago", StatusTable.ago(Duration.ofSeconds(120)));
        assertEquals("59m ago", StatusTable.ago(Duration.ofSeconds(3599)));
        assertEquals("1h 0m ago", StatusTable.ago(Duration.ofSeconds(3600)));
        assertEquals("47h 59m ago", StatusTable.ago(Duration.ofMinutes(48 * 60 - 1)));
        assertEquals("3d ago", StatusTable.ago(Duration.ofDays(3)));
    }

    @Test
    void backupsGetASectionOfTheirOwn() {
        Status status = new Status(sha('a'), sha('a'), List.of(), List.of(), List.of(), at(0), List.of(
                new BackupStatus("analytics", null, null,
                        new BackupStatus.LastDrill(at(30), false, 5, "no backup to restore"), null, null, null),
                new BackupStatus("db",
                        new BackupStatus.LastBackup(3, at(0), 5 * 1024 * 1024 + 512 * 1024, "a".repeat(64), true,
                                new Offsite(Offsite.COPIED, "dir:/mnt/offsite")),
                        new BackupStatus.BackupFailure(at(60), "BackupFailed", "pg_dump exited 1\ndisk full"),
                        new BackupStatus.LastDrill(at(40), true, 4250, "ok"), null, at(3600), at(7200)),
                new BackupStatus("sessions",
                        new BackupStatus.LastBackup(4, at(-7200), 999, "b".repeat(64), false, null),
                        null, null, null, at(100), null)));

        String table = StatusTable.render(status, at(120));

        assertTrue(table.endsWith("""
                Failed revisions: none

                Backups:
                  analytics  no backup yet
                      next backup  not scheduled
                      last drill   2026-11-04 03:00:30 UTC (90s ago), took 0.0s: FAILED: no backup to restore
                      next drill   not scheduled
                  db  2026-11-04 03:00:00 UTC (2m ago)  5.5 MiB  verified  offsite copied
                      FAILED: BackupFailed  2026-11-04 03:01:00 UTC (60s ago): pg_dump exited 1 / disk full
                      next backup  2026-11-04 04:00:00 UTC (in 58m)
                      last drill   2026-11-04 03:00:40 UTC (80s ago), took 4.3s: passed
                      next drill   2026-11-04 05:00:00 UTC (in 1h 58m)
                  sessions  2026-11-04 01:00:00 UTC (2h 2m ago)  999 B  NOT verified  no offsite copy
                      next backup  2026-11-04 03:01:40 UTC (due 20s ago)
                      last drill   none yet
                      next drill   not scheduled
                """), table);
    }

    @Test
    void aSnapshotRestoreNamesTheWritesItUndidAndWhereTheReplacedDatabaseIsKept() {
        Instant restoredAt = Instant.parse("2026-12-02T03:10:04Z");
        Status status = new Status(sha('a'), sha('a'), List.of(), List.of(), List.of(), at(0), List.of(
                new BackupStatus("db",
                        new BackupStatus.LastBackup(12, Instant.parse("2026-12-02T03:09:51Z"), 2048, "a".repeat(64),
                                true, new Offsite(Offsite.FAILED, "rclone:b2:acme")),
                        null, null,
                        new BackupStatus.SnapshotRestore(restoredAt, 12, Instant.parse("2026-12-02T03:09:51Z"),
                                restoredAt, sha('c'), "web", "db_replaced_20261202T031004Z"),
                        null, null),
                new BackupStatus("late",
                        null, null, null,
                        new BackupStatus.SnapshotRestore(Instant.parse("2026-12-03T00:00:02Z"), 7,
                                Instant.parse("2026-12-02T23:59:58Z"), Instant.parse("2026-12-03T00:00:02Z"),
                                sha('d'), "api", "late_replaced"),
                        null, null)));

        String table = StatusTable.render(status, restoredAt.plusSeconds(60));

        assertTrue(table.endsWith("""
                  db  2026-12-02 03:09:51 UTC (73s ago)  2.0 KiB  verified  offsite copy FAILED
                      next backup  not scheduled
                      last drill   none yet
                      next drill   not scheduled
                      snapshot restored 2026-12-02 03:10:04 UTC (snapshot #12): writes from 03:09:51 to 03:10:04 undone
                          the replaced database is kept as db_replaced_20261202T031004Z (rollout of cccccccccccc, service web)
                  late  no backup yet
                      next backup  not scheduled
                      last drill   none yet
                      next drill   not scheduled
                      snapshot restored 2026-12-03 00:00:02 UTC (snapshot #7): writes from 2026-12-02 23:59:58 to 00:00:02 undone
                          the replaced database is kept as late_replaced (rollout of dddddddddddd, service api)
                """), table);
    }

    @Test
    void sizesArePrintedInBinaryUnits() {
        assertEquals("999 B", io.driftless.events.Sizes.human(999));
        assertEquals("1.0 KiB", io.driftless.events.Sizes.human(1024));
        assertEquals("100.0 MiB", io.driftless.events.Sizes.human(100L * 1024 * 1024));
        assertEquals("2.0 GiB", io.driftless.events.Sizes.human(2L << 30));
    }
}
