package io.driftless.ledger.sql;

import io.driftless.events.Reason;
import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.driftless.ledger.BackupKind;
import io.driftless.ledger.BackupRecord;
import io.driftless.ledger.BackupSchedule;
import io.driftless.ledger.BackupStatus;
import io.driftless.ledger.EventRecord;
import io.driftless.ledger.FailedRevision;
import io.driftless.ledger.NewBackup;
import io.driftless.ledger.SnapshotRestoreRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ledgers on users' hosts are at V1: the agent's next start migrates them, and nothing may be lost. */
class LedgerMigrationTest {
    @TempDir
    Path stateDir;

    @Test
    void aV1LedgerIsMigratedKeepingEveryRowAndItsId() throws Exception {
        V1Ledger.create(stateDir);

        try (SqlLedger ledger = SqlLedger.open(stateDir)) {
            assertEquals("5", V1Ledger.schemaVersion(stateDir));
            assertEquals(V1Ledger.STATUS, ledger.status());
            assertEquals(V1Ledger.ROLLOUTS, ledger.recentRollouts(10));
            assertEquals(List.of(
                    new EventRecord(9, at(40), "ERROR", sha('c'), "web", "web unhealthy"),
                    new EventRecord(8, at(12), "INFO", sha('a'), "web", "applied")), ledger.recentEvents(10));
        }
    }

    @Test
    void afterTheMigrationNewIdsContinueAfterTheOldOnes() throws Exception {
        V1Ledger.create(stateDir);

        try (SqlLedger ledger = SqlLedger.open(stateDir)) {
            assertEquals(1, ledger.markInterrupted(at(50)), "the rollout V1 left open is still open");
            assertEquals(V1Ledger.LAST_ROLLOUT_ID + 1, ledger.startRollout(sha('d'), at(50)));
            ledger.event(at(50), "INFO", null, null, "rolling out d");
            assertEquals(V1Ledger.LAST_EVENT_ID + 1, ledger.recentEvents(1).getFirst().id());
            ledger.recordFailed(sha('d'), Reason.CONTAINER_EXITED, "web exited", at(40));
            assertEquals(List.of(sha('d'), sha('c'), sha('b')),
                    ledger.failedRevisions().stream().map(FailedRevision::revision).toList(),
                    "a failure of the same millisecond recorded after the migration comes first");
        }
    }

    @Test
    void stepsBecomeTextOfAnyLength() throws Exception {
        V1Ledger.create(stateDir);
        SqlLedger.open(stateDir).close();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve(SqliteFile.FILE_NAME))) {
            assertEquals("TEXT", Sql.one(c, "SELECT type FROM pragma_table_info('rollout_step') WHERE name = 'step'",
                    r -> r.getString(1)).orElseThrow());
        }
    }

    @Test
    void aV2LedgerGainsBackupsAndDrillsKeepingEveryRow() throws Exception {
        V1Ledger.create(stateDir);
        LedgerDatabase.migrations(SqliteFile.forWriting(stateDir)).target("2").load().migrate();
        assertEquals("2", V1Ledger.schemaVersion(stateDir));

        try (SqlLedger ledger = SqlLedger.open(stateDir)) {
            assertEquals("5", V1Ledger.schemaVersion(stateDir));
            assertEquals(V1Ledger.STATUS, ledger.status());
            assertEquals(V1Ledger.ROLLOUTS, ledger.recentRollouts(10));
            assertEquals(V1Ledger.LAST_ROLLOUT_ID + 1, ledger.startRollout(sha('d'), at(50)));
            long id = ledger.recordBackup(new NewBackup("db", BackupKind.SCHEDULED, at(60), "/b/db.dump", 10,
                    "a".repeat(64), true));
            assertEquals(1, id);
            assertEquals(List.of(new BackupRecord(1, "db", BackupKind.SCHEDULED, at(60), "/b/db.dump", 10,
                    "a".repeat(64), true, null)), ledger.storedBackups("db"));
        }
    }

    @Test
    void aV3LedgerGainsSchedulesAndSnapshotRestoresKeepingEveryRow() throws Exception {
        V1Ledger.createV3(stateDir);
        assertEquals("3", V1Ledger.schemaVersion(stateDir));

        try (SqlLedger ledger = SqlLedger.open(stateDir)) {
            assertEquals("5", V1Ledger.schemaVersion(stateDir));
            assertEquals(V1Ledger.ROLLOUTS, ledger.recentRollouts(10));
            assertEquals(List.of(V1Ledger.V3_BACKUPS), ledger.backupStatus());
            assertEquals(V1Ledger.V3_BACKUPS, ledger.status().backups().getFirst());

            assertEquals(3, ledger.recordBackup(new NewBackup("db", BackupKind.SNAPSHOT, at(80), "/b/snap.dump", 10,
                    "b".repeat(64), true)), "ids continue after the V3 rows");
            assertEquals(1, ledger.recordSnapshotRestore(new SnapshotRestoreRecord("db", at(90), 3, at(80), at(90),
                    sha('c'), "web", "db_replaced")));
            ledger.recordSchedules(List.of(new BackupSchedule("db", at(3600), at(7200))));
            BackupStatus db = ledger.backupStatus().getFirst();
            assertEquals(V1Ledger.V3_BACKUPS.lastDrill(), db.lastDrill());
            assertEquals(at(3600), db.nextBackupAt());
            assertEquals(3, db.lastSnapshotRestore().snapshotId());
        }
    }

    @Test
    void aV4LedgerGainsRolloutSubjectsAndTheSuspensionKeepingEveryRow() throws Exception {
        V1Ledger.createV3(stateDir);
        LedgerDatabase.migrations(SqliteFile.forWriting(stateDir)).target("4").load().migrate();
        try (SqlLedger reader = SqlLedger.openReadOnly(stateDir)) { // a newer status beside an older agent
            assertEquals(V1Ledger.ROLLOUTS, reader.recentRollouts(10));
            assertEquals(java.util.Optional.empty(), reader.suspension());
        }
        assertEquals("4", V1Ledger.schemaVersion(stateDir));

        try (SqlLedger ledger = SqlLedger.open(stateDir)) {
            assertEquals("5", V1Ledger.schemaVersion(stateDir));
            assertEquals(V1Ledger.ROLLOUTS, ledger.recentRollouts(10), "old rollouts have no subject");
            long id = ledger.startRollout(sha('d'), "api: add the invoices table", at(50));
            assertEquals(V1Ledger.LAST_ROLLOUT_ID + 1, id);
            assertEquals("api: add the invoices table", ledger.recentRollouts(1).getFirst().subject());
            io.driftless.ledger.Suspension s = new io.driftless.ledger.Suspension(at(60), "ops@vps1", "migration");
            assertEquals(java.util.Optional.empty(), ledger.suspend(s));
            assertEquals(s, ledger.status().suspended());
        }
    }
}
