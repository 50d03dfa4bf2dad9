package io.driftless.ledger.sql;

import io.driftless.ledger.FailedRevision;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for lastAttempted, lastApplied and the failed revisions. Callers hold the transaction. */
final class RevisionHistory {
    static final String LAST_ATTEMPTED = "lastAttempted";
    static final String LAST_APPLIED = "lastApplied";

    private RevisionHistory() {}

    static void setPointer(Connection c, String name, String sha, Instant at) throws SQLException {
        Sql.update(c, """
                INSERT INTO revision_pointer (name, revision, recorded_ms) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET revision = excluded.revision, recorded_ms = excluded.recorded_ms
                """, name, sha, at);
    }

    static Optional<String> pointer(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT revision FROM revision_pointer WHERE name = ?", r -> r.getString(1), name);
    }

    /** A sha that fails again (after a retry) moves to the top with its new reason: its new row gets a new seq. */
    static void recordFailed(Connection c, String sha, String reason, String message, Instant at) throws SQLException {
        clearFailure(c, sha);
        Sql.update(c, "INSERT INTO failed_revision (revision, reason, message, failed_ms) VALUES (?, ?, ?, ?)",
                sha, reason, message, at);
    }

    static void clearFailure(Connection c, String sha) throws SQLException {
        Sql.update(c, "DELETE FROM failed_revision WHERE revision = ?", sha);
    }

    static Optional<FailedRevision> failure(Connection c, String sha) throws SQLException {
        return Sql.one(c, "SELECT * FROM failed_revision WHERE revision = ?", RevisionHistory::failedRevision, sha);
    }

    static List<FailedRevision> failed(Connection c) throws SQLException {
        return Sql.list(c, "SELECT * FROM failed_revision ORDER BY failed_ms DESC, seq DESC",
                RevisionHistory::failedRevision);
    }

    private static FailedRevision failedRevision(ResultSet r) throws SQLException {
        return new FailedRevision(
                r.getString("revision"), r.getString("reason"), r.getString("message"), Sql.instant(r, "failed_ms"));
    }
}
