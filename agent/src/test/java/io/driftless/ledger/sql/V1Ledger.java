package io.driftless.ledger.sql;

import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;

import io.driftless.ledger.BackupStatus;
import io.driftless.ledger.Condition;
import io.driftless.ledger.FailedRevision;
import io.driftless.ledger.Offsite;
import io.driftless.ledger.RolloutOutcome;
import io.driftless.ledger.RolloutRecord;
import io.driftless.ledger.RolloutStep;
import io.driftless.ledger.ServiceStatus;
import io.driftless.ledger.Status;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * A ledger as a Driftless of schema V1 left it on a host: V1's tables, with rows as V1 wrote them (ids were
 * MAX(id) + 1; older rollouts and events pruned, one failure cleared by an apply, a rollout a crash left open).
 */
final class V1Ledger {
    static final Status STATUS = new Status(sha('c'), sha('a'),
            List.of(new FailedRevision(sha('c'), "HealthGateFailed", "web unhealthy", at(40)),
                    new FailedRevision(sha('b'), "ImageUnavailable", "no image acme/web:2", at(40))),
            List.of(new Condition("Ready", "False", "HealthGateFailed", "web unhealthy", at(40))),
            List.of(new ServiceStatus("web", "acme/web:1", sha('a'), "green", "web-green", "serving")),
            at(41));

    static final List<RolloutRecord> ROLLOUTS = List.of(
            new RolloutRecord(7, sha('c'), at(30), null, null, null,
                    List.of(new RolloutStep(1, "start web blue", at(30), at(31), "ok"))),
            new RolloutRecord(6, sha('b'), at(20), at(22), RolloutOutcome.FAILED, "ImageUnavailable", List.of()),
            new RolloutRecord(5, sha('a'), at(10), at(12), RolloutOutcome.APPLIED, null,
                    List.of(new RolloutStep(1, "start web green", at(10), at(11), "ok"),
                            new RolloutStep(2, "switch routes web", at(11), at(12), "ok"))));

    static final long LAST_ROLLOUT_ID = 7;
    static final long LAST_EVENT_ID = 9;

    private V1Ledger() {}

    static void create(Path stateDir) throws SQLException {
        LedgerDatabase.migrations(SqliteFile.forWriting(stateDir)).target("1").load().migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve(SqliteFile.FILE_NAME))) {
            Sql.update(c, "INSERT INTO revision_pointer VALUES ('lastApplied', ?, ?)", sha('a'), at(12));
            Sql.update(c, "INSERT INTO revision_pointer VALUES ('lastAttempted', ?, ?)", sha('c'), at(30));
            // seq 2 belonged to a failure an apply cleared; the same millisecond is ordered by seq.
            Sql.update(c, "INSERT INTO failed_revision VALUES (?, 'ImageUnavailable', 'no image acme/web:2', ?, 1)",
                    sha('b'), at(40));
            Sql.update(c, "INSERT INTO failed_revision VALUES (?, 'HealthGateFailed', 'web unhealthy', ?, 3)",
                    sha('c'), at(40));
            Sql.update(c, "INSERT INTO rollout VALUES (5, ?, ?, ?, 'APPLIED', NULL)", sha('a'), at(10), at(12));
            Sql.update(c, "INSERT INTO rollout VALUES (6, ?, ?, ?, 'FAILED', 'ImageUnavailable')", sha('b'), at(20), at(22));
            Sql.update(c, "INSERT INTO rollout VALUES (7, ?, ?, NULL, NULL, NULL)", sha('c'), at(30));
            Sql.update(c, "INSERT INTO rollout_step VALUES (5, 1, 'start web green', ?, ?, 'ok')", at(10), at(11));
            Sql.update(c, "INSERT INTO rollout_step VALUES (5, 2, 'switch routes web', ?, ?, 'ok')", at(11), at(12));
            Sql.update(c, "INSERT INTO rollout_step VALUES (7, 1, 'start web blue', ?, ?, 'ok')", at(30), at(31));
            Sql.update(c, "INSERT INTO event VALUES (8, ?, 'INFO', ?, 'web', 'applied')", at(12), sha('a'));
            Sql.update(c, "INSERT INTO event VALUES (9, ?, 'ERROR', ?, 'web', 'web unhealthy')", at(40), sha('c'));
            Sql.update(c, "INSERT INTO status_snapshot VALUES (1, ?)", at(41));
            Sql.update(c, "INSERT INTO service_status VALUES ('web', 'acme/web:1', ?, 'green', 'web-green', 'serving')",
                    sha('a'));
            Sql.update(c, "INSERT INTO status_condition VALUES ('Ready', 'False', 'HealthGateFailed', 'web unhealthy', ?)",
                    at(40));
        }
    }

    /** The backups and drill a V3 ledger holds after {@link #createV3}, as status shows them. */
    static final BackupStatus V3_BACKUPS = new BackupStatus("db",
            new BackupStatus.LastBackup(1, at(60), 10, "a".repeat(64), true, new Offsite(Offsite.COPIED, "dir:/o")),
            new BackupStatus.BackupFailure(at(70), "BackupFailed", "disk full"),
            new BackupStatus.LastDrill(at(65), true, 4200, "ok"), null, null, null);

    /** {@link #create}, migrated to V3 with a stored backup, a failed run and a drill, as a V3 agent wrote them. */
    static void createV3(Path stateDir) throws SQLException {
        create(stateDir);
        LedgerDatabase.migrations(SqliteFile.forWriting(stateDir)).target("3").load().migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve(SqliteFile.FILE_NAME))) {
            Sql.update(c, """
                    INSERT INTO backup (policy, kind, at_ms, file, size_bytes, sha256, verified, offsite_state,
                        offsite_remote) VALUES ('db', 'scheduled', ?, '/b/db.dump', 10, ?, 1, 'copied', 'dir:/o')
                    """, at(60), "a".repeat(64));
            Sql.update(c, """
                    INSERT INTO backup (policy, kind, at_ms, failure_reason, failure_message)
                    VALUES ('db', 'scheduled', ?, 'BackupFailed', 'disk full')
                    """, at(70));
            Sql.update(c, """
                    INSERT INTO drill (policy, at_ms, passed, duration_ms, size_bytes, message, backup_id)
                    VALUES ('db', ?, 1, 4200, 10, 'ok', 1)
                    """, at(65));
        }
    }

    /** The newest schema version the file's Flyway history records, read without Flyway. */
    static String schemaVersion(Path stateDir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve(SqliteFile.FILE_NAME))) {
            return Sql.one(c, "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank DESC LIMIT 1",
                    r -> r.getString(1)).orElseThrow();
        }
    }
}
