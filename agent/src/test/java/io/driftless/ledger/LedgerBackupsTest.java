package io.driftless.ledger;

import static io.driftless.ledger.Revisions.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.driftless.events.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerBackupsTest extends LedgerContract {
    static final String SUM_A = "a".repeat(64);
    static final String SUM_B = "b".repeat(64);

    static NewBackup backup(String name, long at, String sha256) {
        return new NewBackup(name, BackupKind.SCHEDULED, at(at), "/var/backups/" + name + "-" + at + ".dump", 1234,
                sha256, true);
    }

    @Test
    void storedBackupsAreListedOldestFirstWithTheirIds() {
        try (Ledger ledger = open()) {
            long first = ledger.recordBackup(backup("db", 60, SUM_A));
            long second = ledger.recordBackup(new NewBackup("db", BackupKind.MANUAL, at(120), "/b/db-2.dump", 99,
                    SUM_B, false));
            ledger.recordBackup(backup("other", 90, SUM_A));

            assertEquals(List.of(1L, 2L), List.of(first, second));
            assertEquals(List.of(
                    new BackupRecord(1, "db", BackupKind.SCHEDULED, at(60), "/var/backups/db-60.dump", 1234, SUM_A,
                            true, null),
                    new BackupRecord(2, "db", BackupKind.MANUAL, at(120), "/b/db-2.dump", 99, SUM_B, false, null)),
                    ledger.storedBackups("db"));
        }
    }

    @Test
    void backupsAreOrderedByTheirRecordedTimeNotById() {
        try (Ledger ledger = open()) {
            ledger.recordBackup(backup("db", 120, SUM_A));
            ledger.recordBackup(backup("db", 60, SUM_A));
            ledger.recordBackup(backup("db", 60, SUM_B));

            assertEquals(List.of(2L, 3L, 1L), ledger.storedBackups("db").stream().map(BackupRecord::id).toList());
        }
    }

    @Test
    void failedRunsAndDeletedBackupsAreNotListed() {
        try (Ledger ledger = open()) {
            long kept = ledger.recordBackup(backup("db", 60, SUM_A));
            long rotated = ledger.recordBackup(backup("db", 0, SUM_A));
            long failed = ledger.recordBackupFailure("db", BackupKind.SCHEDULED, Reason.BACKUP_FAILED,
                    "pg_dump exited 1: No space left on device", at(120));
            ledger.markDeleted(rotated, at(61));

            assertEquals(3, failed);
            assertEquals(List.of(kept), ledger.storedBackups("db").stream().map(BackupRecord::id).toList());
        }
    }

    @Test
    void theOffsiteCopyIsRecordedAndReplacedByALaterOne() {
        try (Ledger ledger = open()) {
            long id = ledger.recordBackup(backup("db", 60, SUM_A));
            ledger.markOffsite(id, new Offsite(Offsite.FAILED, "rclone:b2:acme"));
            assertEquals(new Offsite(Offsite.FAILED, "rclone:b2:acme"), ledger.storedBackups("db").getFirst().offsite());

            ledger.markOffsite(id, new Offsite(Offsite.COPIED, "dir:/mnt/offsite"));
            assertEquals(new Offsite(Offsite.COPIED, "dir:/mnt/offsite"), ledger.storedBackups("db").getFirst().offsite());
        }
    }

    @Test
    void aReReadMarksABackupUnverifiedAndAGoodOneVerifiedAgainAcrossARestart() {
        try (Ledger ledger = open()) {
            long id = ledger.recordBackup(backup("db", 60, SUM_A));
            ledger.markVerified(id, false);
            assertFalse(ledger.storedBackups("db").getFirst().verified());
        }
        try (Ledger ledger = open()) {
            assertFalse(ledger.storedBackups("db").getFirst().verified(), "unverified is remembered");
            ledger.markVerified(1, true);
            assertTrue(ledger.storedBackups("db").getFirst().verified());
            assertThrows(IllegalArgumentException.class, () -> ledger.markVerified(99, true), "no such backup");
        }
    }

    @Test
    void backupsSurviveARestart() {
        try (Ledger ledger = open()) {
            long id = ledger.recordBackup(backup("db", 60, SUM_A));
            ledger.markOffsite(id, new Offsite(Offsite.COPIED, "dir:/mnt/offsite"));
            ledger.recordDrill(new DrillRecord("db", at(70), true, 4200, 1234, "query returned true", id));
        }
        try (Ledger ledger = open()) {
            assertEquals(List.of(new BackupRecord(1, "db", BackupKind.SCHEDULED, at(60), "/var/backups/db-60.dump",
                    1234, SUM_A, true, new Offsite(Offsite.COPIED, "dir:/mnt/offsite"))), ledger.storedBackups("db"));
            assertEquals(new BackupStatus.LastDrill(at(70), true, 4200, "query returned true"),
                    ledger.backupStatus().getFirst().lastDrill());
        }
    }

    @Test
    void marksOfAnUnknownOrFailedBackupAreRefused() {
        try (Ledger ledger = open()) {
            long failed = ledger.recordBackupFailure("db", BackupKind.MANUAL, Reason.BACKUP_FAILED, "no", at(0));
            Offsite copied = new Offsite(Offsite.COPIED, "dir:/mnt/offsite");

            assertEquals("no stored backup 7 in the ledger (ids come from recordBackup)",
                    assertThrows(IllegalArgumentException.class, () -> ledger.markOffsite(7, copied)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> ledger.markOffsite(failed, copied));
            assertThrows(IllegalArgumentException.class, () -> ledger.markDeleted(failed, at(1)));
            assertThrows(IllegalArgumentException.class, () -> ledger.markDeleted(7, at(1)));
        }
    }

    @Test
    void deletingTwiceIsRefused() {
        try (Ledger ledger = open()) {
            long id = ledger.recordBackup(backup("db", 0, SUM_A));
            ledger.markDeleted(id, at(10));

            assertEquals("backup 1 was already deleted by rotation",
                    assertThrows(IllegalStateException.class, () -> ledger.markDeleted(id, at(20))).getMessage());
        }
    }

    @Test
    void badBackupsAreRefusedBeforeTheStoreIsTouched() {
        assertThrows(IllegalArgumentException.class, () -> backup("my db", 0, SUM_A));
        assertThrows(IllegalArgumentException.class, () -> backup("db", 0, "A".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> backup("db", 0, "a".repeat(63)));
        assertThrows(IllegalArgumentException.class,
                () -> new NewBackup("db", BackupKind.MANUAL, at(0), " ", 1, SUM_A, true));
        assertThrows(IllegalArgumentException.class,
                () -> new NewBackup("db", BackupKind.MANUAL, at(0), "/f", -1, SUM_A, true));
        assertThrows(IllegalArgumentException.class, () -> new Offsite("pending", "dir:/x"));
        assertThrows(IllegalArgumentException.class, () -> new DrillRecord("db", at(0), true, -1, 0, "", null));
        try (Ledger ledger = open()) {
            assertThrows(NullPointerException.class,
                    () -> ledger.recordBackupFailure("db", BackupKind.MANUAL, null, "why", at(0)));
            assertThrows(IllegalArgumentException.class, () -> ledger.storedBackups(""));
            assertEquals(List.of(), ledger.backupStatus());
        }
    }

    @Test
    void statusSummarisesEachPolicyByName() {
        try (Ledger ledger = open()) {
            long old = ledger.recordBackup(backup("db", 0, SUM_A));
            ledger.recordBackupFailure("db", BackupKind.SCHEDULED, Reason.BACKUP_FAILED, "too early", at(10));
            long last = ledger.recordBackup(backup("db", 60, SUM_B));
            ledger.markOffsite(last, new Offsite(Offsite.COPIED, "dir:/mnt/offsite"));
            ledger.recordBackupFailure("db", BackupKind.SCHEDULED, Reason.BACKUP_FAILED, "disk full", at(120));
            ledger.recordBackupFailure("db", BackupKind.SCHEDULED, Reason.OFFSITE_FAILED, "remote gone", at(180));
            ledger.recordDrill(new DrillRecord("db", at(70), true, 4200, 1234, "ok", old));
            ledger.recordDrill(new DrillRecord("db", at(200), false, 900, 1234, "query returned false", last));
            ledger.recordDrill(new DrillRecord("analytics", at(30), false, 5, 0, "no backup to restore", null));

            assertEquals(List.of(
                    new BackupStatus("analytics", null, null,
                            new BackupStatus.LastDrill(at(30), false, 5, "no backup to restore"), null, null, null),
                    new BackupStatus("db",
                            new BackupStatus.LastBackup(last, at(60), 1234, SUM_B, true,
                                    new Offsite(Offsite.COPIED, "dir:/mnt/offsite")),
                            new BackupStatus.BackupFailure(at(180), "OffsiteFailed", "remote gone"),
                            new BackupStatus.LastDrill(at(200), false, 900, "query returned false"), null, null, null)),
                    ledger.backupStatus());
            assertEquals(ledger.backupStatus(), ledger.status().backups());
        }
    }

    @Test
    void aFailureBeforeTheLastBackupIsNotShown() {
        try (Ledger ledger = open()) {
            ledger.recordBackupFailure("db", BackupKind.SCHEDULED, Reason.BACKUP_FAILED, "disk full", at(0));
            ledger.recordBackup(backup("db", 60, SUM_A));

            BackupStatus db = ledger.backupStatus().getFirst();
            assertNull(db.lastFailure());
            assertEquals(1234, db.lastBackup().sizeBytes());
        }
    }

    @Test
    void aPolicyThatOnlyFailedShowsItsFailureAndNoBackup() {
        try (Ledger ledger = open()) {
            ledger.recordBackupFailure("db", BackupKind.SNAPSHOT, Reason.SNAPSHOT_FAILED, "wrong password", at(0));
            ledger.recordBackupFailure("db", BackupKind.SNAPSHOT, Reason.SNAPSHOT_FAILED, "still wrong", at(0));

            assertEquals(List.of(new BackupStatus("db", null,
                    new BackupStatus.BackupFailure(at(0), "SnapshotFailed", "still wrong"), null, null, null, null)),
                    ledger.backupStatus());
        }
    }

    @Test
    void timesAreKeptToTheMillisecond() {
        try (Ledger ledger = open()) {
            ledger.recordBackup(new NewBackup("db", BackupKind.PRE_RESTORE, at(0).plusNanos(1_234_567), "/f", 1,
                    SUM_A, true));

            assertEquals(at(0).plusMillis(1), ledger.storedBackups("db").getFirst().at());
        }
    }

    @Test
    void failedAndDeletedRowsAreBoundedWhileStoredBackupsAreKept() {
        try (Ledger ledger = open()) {
            long kept = ledger.recordBackup(backup("db", 0, SUM_A));
            long deleted = ledger.recordBackup(backup("db", 1, SUM_A));
            ledger.markDeleted(deleted, at(2));
            for (int i = 0; i < Ledger.KEEP_BACKUP_HISTORY; i++) {
                ledger.recordBackupFailure("db", BackupKind.SCHEDULED, Reason.BACKUP_FAILED, "fail " + i, at(10 + i));
            }

            assertEquals(List.of(kept), ledger.storedBackups("db").stream().map(BackupRecord::id).toList());
            assertThrows(IllegalArgumentException.class, () -> ledger.markDeleted(deleted, at(3)),
                    "the deleted row was pruned");
            assertEquals("fail " + (Ledger.KEEP_BACKUP_HISTORY - 1), ledger.backupStatus().getFirst().lastFailure().message());
        }
    }

    @Test
    void drillsAreBoundedToo() {
        try (Ledger ledger = open()) {
            ledger.recordDrill(new DrillRecord("gone", at(0), true, 1, 1, "ok", null));
            for (int i = 0; i < Ledger.KEEP_BACKUP_HISTORY; i++) {
                ledger.recordDrill(new DrillRecord("db", at(1 + i), true, 1, 1, "drill " + i, null));
            }

            assertEquals(List.of("db"), ledger.backupStatus().stream().map(BackupStatus::name).toList());
            assertEquals("drill " + (Ledger.KEEP_BACKUP_HISTORY - 1), ledger.backupStatus().getFirst().lastDrill().message());
        }
    }
}
