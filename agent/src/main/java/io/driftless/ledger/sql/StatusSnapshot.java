package io.driftless.ledger.sql;

import io.driftless.ledger.Condition;
import io.driftless.ledger.ServiceStatus;
import io.driftless.ledger.Status;
import io.driftless.ledger.Suspension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for the services and conditions the agent saves after each pass. Callers hold the transaction. */
final class StatusSnapshot {
    private StatusSnapshot() {}

    /** @param services each named once ({@link io.driftless.ledger.Checks#services}) */
    static void saveServices(Connection c, List<ServiceStatus> services, Instant at) throws SQLException {
        Sql.update(c, "DELETE FROM service_status");
        for (ServiceStatus s : services) {
            Sql.update(c, """
                    INSERT INTO service_status (name, image, revision, slot, container, state)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, s.name(), s.image(), s.revision(), s.slot(), s.container(), s.state());
        }
        Sql.update(c, """
                INSERT INTO status_snapshot (id, observed_ms) VALUES (1, ?)
                ON CONFLICT (id) DO UPDATE SET observed_ms = excluded.observed_ms
                """, at);
    }

    static void setCondition(Connection c, Condition condition) throws SQLException {
        Optional<Condition> stored = Sql.one(c, "SELECT * FROM status_condition WHERE type = ?",
                StatusSnapshot::condition, condition.type());
        Condition kept = condition.replacing(stored.orElse(null));
        Sql.update(c, """
                INSERT INTO status_condition (type, status, reason, message, last_transition_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (type) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                    message = excluded.message, last_transition_ms = excluded.last_transition_ms
                """, kept.type(), kept.status(), kept.reason(), kept.message(), kept.lastTransitionTime());
    }

    static Status read(Connection c) throws SQLException {
        // Sorted here, not by ORDER BY: a database's collation (PostgreSQL's locale) may order names differently.
        List<Condition> conditions = Sql.list(c, "SELECT * FROM status_condition", StatusSnapshot::condition)
                .stream()
                .sorted(Condition.READING_ORDER)
                .toList();
        List<ServiceStatus> services = Sql.list(c, "SELECT * FROM service_status", r -> new ServiceStatus(
                r.getString("name"), r.getString("image"), r.getString("revision"), r.getString("slot"),
                r.getString("container"), r.getString("state")))
                .stream()
                .sorted(ServiceStatus.BY_NAME)
                .toList();
        Instant observedAt = Sql.one(c, "SELECT observed_ms FROM status_snapshot WHERE id = 1",
                r -> Sql.instant(r, "observed_ms")).orElse(null);
        return new Status(
                RevisionHistory.pointer(c, RevisionHistory.LAST_ATTEMPTED).orElse(null),
                RevisionHistory.pointer(c, RevisionHistory.LAST_APPLIED).orElse(null),
                RevisionHistory.failed(c),
                conditions,
                services,
                observedAt,
                BackupLog.status(c),
                suspension(c).orElse(null));
    }

    /** The suspension in force; none in a ledger an older agent wrote (before V5), read as it is. */
    static Optional<Suspension> suspension(Connection c) throws SQLException {
        if (!Sql.hasTable(c, "suspension")) {
            return Optional.empty();
        }
        return Sql.one(c, "SELECT * FROM suspension WHERE id = 1", r -> new Suspension(Sql.instant(r, "at_ms"),
                r.getString("by_whom"), r.getString("reason")));
    }

    /** Suspends unless suspended already; returns the suspension already in force, or empty. */
    static Optional<Suspension> suspend(Connection c, Suspension s) throws SQLException {
        Optional<Suspension> before = suspension(c);
        if (before.isEmpty()) {
            Sql.update(c, "INSERT INTO suspension (id, at_ms, by_whom, reason) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    s.at(), s.by(), s.reason());
        }
        return before;
    }

    /** Lifts the suspension; returns the one lifted, or empty. */
    static Optional<Suspension> resume(Connection c) throws SQLException {
        Optional<Suspension> lifted = suspension(c);
        Sql.update(c, "DELETE FROM suspension");
        return lifted;
    }

    private static Condition condition(ResultSet r) throws SQLException {
        return new Condition(r.getString("type"), r.getString("status"), r.getString("reason"),
                r.getString("message"), Sql.instant(r, "last_transition_ms"));
    }
}
