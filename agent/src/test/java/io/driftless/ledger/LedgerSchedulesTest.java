package io.driftless.ledger;

import static io.driftless.ledger.LedgerBackupsTest.SUM_A;
import static io.driftless.ledger.LedgerBackupsTest.backup;
import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler's next runs and the snapshot restores, as {@code status} shows them of each backup policy. */
class LedgerSchedulesTest extends LedgerContract {
    static SnapshotRestoreRecord restore(String name, long at, long snapshotId) {
        return new SnapshotRestoreRecord(name, at(at), snapshotId, at(at - 13), at(at), sha('c'), "web",
                name + "_replaced_" + at);
    }

    private static BackupStatus.SnapshotRestore shown(SnapshotRestoreRecord r) {
        return new BackupStatus.SnapshotRestore(r.at(), r.snapshotId(), r.writesUndoneFrom(), r.writesUndoneTo(),
                r.revision(), r.service(), r.keptAs());
    }

    @Test
    void nextRunsAreShownWithEachPolicyAndAPolicyWithOnlyAScheduleIsListed() {
        try (Ledger ledger = open()) {
            ledger.recordBackup(backup("db", 0, SUM_A));
            ledger.recordSchedules(List.of(new BackupSchedule("db", at(3600), at(7200)),
                    new BackupSchedule("analytics", at(1800), null)));

            List<BackupStatus> status = ledger.backupStatus();
            assertEquals(List.of("analytics", "db"), status.stream().map(BackupStatus::name).toList());
            assertEquals(new BackupStatus("analytics", null, null, null, null, at(1800), null), status.get(0));
            assertEquals(at(3600), status.get(1).nextBackupAt());
            assertEquals(at(7200), status.get(1).nextDrillAt());
            assertEquals(1, status.get(1).lastBackup().id());
            assertEquals(status, ledger.status().backups());
        }
    }

    @Test
    void schedulesAreReplacedAllAtOnce() {
        try (Ledger ledger = open()) {
            ledger.recordBackup(backup("db", 0, SUM_A));
            ledger.recordSchedules(List.of(new BackupSchedule("db", at(3600), at(7200)),
                    new BackupSchedule("analytics", at(1800), at(1900))));

            ledger.recordSchedules(List.of(new BackupSchedule("db", at(7200), null)));
            assertEquals(List.of(new BackupStatus("db", ledger.backupStatus().getFirst().lastBackup(), null, null,
                    null, at(7200), null)), ledger.backupStatus(), "analytics was removed from the manifest");

            ledger.recordSchedules(List.of());
            BackupStatus db = ledger.backupStatus().getFirst();
            assertNull(db.nextBackupAt());
            assertNull(db.nextDrillAt());
        }
    }

    @Test
    void schedulesSurviveARestartToTheMillisecond() {
        try (Ledger ledger = open()) {
            ledger.recordSchedules(List.of(new BackupSchedule("db", at(3600).plusNanos(1_999_999),
                    at(7200).plusNanos(999))));
        }
        try (Ledger ledger = open()) {
            assertEquals(List.of(new BackupStatus("db", null, null, null, null, at(3600).plusMillis(1), at(7200))),
                    ledger.backupStatus());
        }
    }

    @Test
    void badSchedulesAreRefusedAndLeaveTheOldOnes() {
        assertThrows(IllegalArgumentException.class, () -> new BackupSchedule("my db", at(0), null));
        assertThrows(NullPointerException.class, () -> new BackupSchedule("db", null, at(0)));
        try (Ledger ledger = open()) {
            ledger.recordSchedules(List.of(new BackupSchedule("db", at(60), null)));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ledger.recordSchedules(
                    List.of(new BackupSchedule("other", at(1), null), new BackupSchedule("other", at(2), null))));
            assertEquals("backup other appears twice in the schedules to record", e.getMessage());
            assertThrows(NullPointerException.class, () -> ledger.recordSchedules(null));

            assertEquals(List.of(new BackupStatus("db", null, null, null, null, at(60), null)), ledger.backupStatus());
        }
    }

    @Test
    void theNewestSnapshotRestoreOfEachPolicyIsShown() {
        try (Ledger ledger = open()) {
            long snapshot = ledger.recordBackup(new NewBackup("db", BackupKind.SNAPSHOT, at(0), "/b/db-snap.dump", 9,
                    SUM_A, true));
            SnapshotRestoreRecord newest = restore("db", 300, snapshot);
            long first = ledger.recordSnapshotRestore(restore("db", 100, snapshot));
            long second = ledger.recordSnapshotRestore(newest);
            long third = ledger.recordSnapshotRestore(restore("db", 200, snapshot)); // recorded later, happened earlier
            SnapshotRestoreRecord cache = restore("cache", 50, 7);
            long fourth = ledger.recordSnapshotRestore(cache);

            assertEquals(List.of(1L, 2L, 3L, 4L), List.of(first, second, third, fourth));
            List<BackupStatus> status = ledger.backupStatus();
            assertEquals(new BackupStatus("cache", null, null, null, shown(cache), null, null), status.get(0));
            assertEquals(shown(newest), status.get(1).lastSnapshotRestore());
            assertEquals(new BackupStatus.SnapshotRestore(at(300), snapshot, at(287), at(300), sha('c'), "web",
                    "db_replaced_300"), status.get(1).lastSnapshotRestore());
        }
    }

    @Test
    void ofSnapshotRestoresInTheSameMillisecondTheOneRecordedLastIsShown() {
        try (Ledger ledger = open()) {
            ledger.recordSnapshotRestore(restore("db", 100, 1));
            SnapshotRestoreRecord later = new SnapshotRestoreRecord("db", at(100), 2, at(90), at(100), sha('d'),
                    "api", "db_again");
            ledger.recordSnapshotRestore(later);

            assertEquals(shown(later), ledger.backupStatus().getFirst().lastSnapshotRestore());
        }
    }

    @Test
    void snapshotRestoresSurviveARestartToTheMillisecond() {
        try (Ledger ledger = open()) {
            ledger.recordSnapshotRestore(new SnapshotRestoreRecord("db", at(100).plusNanos(500_000), 3,
                    at(90).plusNanos(1_700_000), at(100).plusNanos(400_000), sha('c'), "web", "db_before_restore"));
        }
        try (Ledger ledger = open()) {
            assertEquals(new BackupStatus.SnapshotRestore(at(100), 3, at(90).plusMillis(1), at(100), sha('c'), "web",
                    "db_before_restore"), ledger.backupStatus().getFirst().lastSnapshotRestore());
        }
    }

    @Test
    void snapshotRestoresAreBoundedLikeDrills() {
        try (Ledger ledger = open()) {
            ledger.recordSnapshotRestore(restore("gone", 10, 1));
            for (int i = 0; i < Ledger.KEEP_BACKUP_HISTORY; i++) {
                ledger.recordSnapshotRestore(restore("db", 20 + i, 1 + i));
            }

            assertEquals(List.of("db"), ledger.backupStatus().stream().map(BackupStatus::name).toList());
            assertEquals(Ledger.KEEP_BACKUP_HISTORY, ledger.backupStatus().getFirst().lastSnapshotRestore().snapshotId());
        }
    }

    @Test
    void badSnapshotRestoresAreRefusedBeforeTheStoreIsTouched() {
        assertThrows(IllegalArgumentException.class, () -> new SnapshotRestoreRecord("my db", at(10), 1, at(0), at(10),
                sha('c'), "web", "kept"));
        assertEquals("snapshot restore of db: snapshot id 0 is not a backup id (ids come from recordBackup)",
                assertThrows(IllegalArgumentException.class, () -> new SnapshotRestoreRecord("db", at(10), 0, at(0),
                        at(10), sha('c'), "web", "kept")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SnapshotRestoreRecord("db", at(10), 1, at(11), at(10),
                sha('c'), "web", "kept"));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotRestoreRecord("db", at(10), 1, at(0), at(10),
                "not a sha", "web", "kept"));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotRestoreRecord("db", at(10), 1, at(0), at(10),
                sha('c'), " ", "kept"));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotRestoreRecord("db", at(10), 1, at(0), at(10),
                sha('c'), "web", ""));
        assertThrows(NullPointerException.class, () -> new SnapshotRestoreRecord("db", null, 1, at(0), at(10),
                sha('c'), "web", "kept"));
        try (Ledger ledger = open()) {
            assertThrows(NullPointerException.class, () -> ledger.recordSnapshotRestore(null));
            assertEquals(List.of(), ledger.backupStatus());
        }
    }
}
