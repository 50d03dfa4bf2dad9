package io.driftless.ledger.sql;

import io.driftless.ledger.BackupKind;
import io.driftless.ledger.BackupRow;
import io.driftless.ledger.BackupSchedule;
import io.driftless.ledger.BackupStatus;
import io.driftless.ledger.Checks;
import io.driftless.ledger.DrillRecord;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.NewBackup;
import io.driftless.ledger.Offsite;
import io.driftless.ledger.SnapshotRestoreRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** SQL for backups and drills. Callers hold the transaction. */
final class BackupLog {
    private BackupLog() {}

    static long recordBackup(Connection c, NewBackup b) throws SQLException {
        long id = Sql.insert(c, """
                INSERT INTO backup (policy, kind, at_ms, file, size_bytes, sha256, verified)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, b.name(), b.kind().word(), b.at(), b.file(), b.sizeBytes(), b.sha256(), b.verified() ? 1 : 0);
        prune(c, id);
        return id;
    }

    static long recordFailure(Connection c, String name, BackupKind kind, String reason, String message, Instant at)
            throws SQLException {
        long id = Sql.insert(c, """
                INSERT INTO backup (policy, kind, at_ms, failure_reason, failure_message)
                VALUES (?, ?, ?, ?, ?) RETURNING id
                """, name, kind.word(), at, reason, message);
        prune(c, id);
        return id;
    }

    static void markOffsite(Connection c, long id, Offsite offsite) throws SQLException {
        requireStored(c, id);
        Sql.update(c, "UPDATE backup SET offsite_state = ?, offsite_remote = ? WHERE id = ?",
                offsite.state(), offsite.remote(), id);
    }

    static void markDeleted(Connection c, long id, Instant at) throws SQLException {
        if (requireStored(c, id) != null) {
            throw Checks.deletedTwice(id);
        }
        Sql.update(c, "UPDATE backup SET deleted_ms = ? WHERE id = ?", at, id);
    }

    static void markVerified(Connection c, long id, boolean verified) throws SQLException {
        requireStored(c, id);
        Sql.update(c, "UPDATE backup SET verified = ? WHERE id = ?", verified ? 1 : 0, id);
    }

    /** backup_id is cast: a null is bound as text, which PostgreSQL will not put in a BIGINT column. */
    static long recordDrill(Connection c, DrillRecord d) throws SQLException {
        long id = Sql.insert(c, """
                INSERT INTO drill (policy, at_ms, passed, duration_ms, size_bytes, message, backup_id)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS BIGINT)) RETURNING id
                """, d.name(), d.at(), d.passed() ? 1 : 0, d.durationMs(), d.sizeBytes(), d.message(), d.backupId());
        Sql.update(c, "DELETE FROM drill WHERE id <= ?", id - Ledger.KEEP_BACKUP_HISTORY);
        return id;
    }

    static void recordSchedules(Connection c, List<BackupSchedule> schedules) throws SQLException {
        Sql.update(c, "DELETE FROM backup_schedule");
        for (BackupSchedule s : schedules) {
            // next_drill_ms is cast: a null is bound as text, which PostgreSQL will not put in a BIGINT column.
            Sql.update(c, """
                    INSERT INTO backup_schedule (policy, next_backup_ms, next_drill_ms)
                    VALUES (?, ?, CAST(? AS BIGINT))
                    """, s.name(), s.nextBackupAt(), s.nextDrillAt());
        }
    }

    static long recordSnapshotRestore(Connection c, SnapshotRestoreRecord r) throws SQLException {
        long id = Sql.insert(c, """
                INSERT INTO snapshot_restore (policy, at_ms, snapshot_id, writes_from_ms, writes_to_ms, revision,
                    service, kept_as)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, r.name(), r.at(), r.snapshotId(), r.writesUndoneFrom(), r.writesUndoneTo(), r.revision(),
                r.service(), r.keptAs());
        Sql.update(c, "DELETE FROM snapshot_restore WHERE id <= ?", id - Ledger.KEEP_BACKUP_HISTORY);
        return id;
    }

    /**
     * The backups' status. A ledger an older agent wrote (read-only: before V3 it has no backups, before V4 no
     * schedules or snapshot restores) is read as it is, with none of what it lacks.
     */
    static List<BackupStatus> status(Connection c) throws SQLException {
        if (!Sql.hasTable(c, "backup")) {
            return List.of();
        }
        boolean v4 = Sql.hasTable(c, "backup_schedule");
        return BackupRow.status(rows(c), drills(c), v4 ? restores(c) : List.of(), v4 ? schedules(c) : List.of());
    }

    private static List<BackupSchedule> schedules(Connection c) throws SQLException {
        return Sql.list(c, "SELECT * FROM backup_schedule", r -> new BackupSchedule(r.getString("policy"),
                Sql.instant(r, "next_backup_ms"), Sql.instant(r, "next_drill_ms")));
    }

    private static List<BackupRow.Restore> restores(Connection c) throws SQLException {
        return Sql.list(c, "SELECT * FROM snapshot_restore", r -> new BackupRow.Restore(r.getLong("id"),
                new SnapshotRestoreRecord(r.getString("policy"), Sql.instant(r, "at_ms"), r.getLong("snapshot_id"),
                        Sql.instant(r, "writes_from_ms"), Sql.instant(r, "writes_to_ms"), r.getString("revision"),
                        r.getString("service"), r.getString("kept_as"))));
    }

    static List<BackupRow> rows(Connection c) throws SQLException {
        return Sql.list(c, "SELECT * FROM backup", BackupLog::row);
    }

    static List<BackupRow> rows(Connection c, String name) throws SQLException {
        return Sql.list(c, "SELECT * FROM backup WHERE policy = ?", BackupLog::row, name);
    }

    static List<BackupRow.Drill> drills(Connection c) throws SQLException {
        return Sql.list(c, "SELECT * FROM drill", r -> {
            long backupId = r.getLong("backup_id");
            Long restored = r.wasNull() ? null : backupId;
            return new BackupRow.Drill(r.getLong("id"), new DrillRecord(r.getString("policy"),
                    Sql.instant(r, "at_ms"), r.getInt("passed") == 1, r.getLong("duration_ms"),
                    r.getLong("size_bytes"), r.getString("message"), restored));
        });
    }

    /** Same rule as the memory store: {@link BackupRow#prunable}. */
    private static void prune(Connection c, long newestId) throws SQLException {
        Sql.update(c, "DELETE FROM backup WHERE (failure_reason IS NOT NULL OR deleted_ms IS NOT NULL) AND id <= ?",
                newestId - Ledger.KEEP_BACKUP_HISTORY);
    }

    /** @return when it was deleted, or null */
    private static Instant requireStored(Connection c, long id) throws SQLException {
        BackupRow row = Sql.one(c, "SELECT * FROM backup WHERE id = ?", BackupLog::row, id)
                .filter(BackupRow::isStored)
                .orElseThrow(() -> Checks.noBackup(id));
        return row.deletedAt();
    }

    private static BackupRow row(ResultSet r) throws SQLException {
        String state = r.getString("offsite_state");
        return new BackupRow(r.getLong("id"), r.getString("policy"), BackupKind.ofWord(r.getString("kind")),
                Sql.instant(r, "at_ms"), r.getString("file"), r.getLong("size_bytes"), r.getString("sha256"),
                r.getInt("verified") == 1, state == null ? null : new Offsite(state, r.getString("offsite_remote")),
                Sql.instant(r, "deleted_ms"), r.getString("failure_reason"), r.getString("failure_message"));
    }
}
