package io.driftless.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL for the services and conditions the agent saves after each pass. Callers hold the transaction. */
final class StatusSnapshot {
    /** The order an operator reads them in: is it up, is it busy, is it stuck; anything newer after. */
    private static final List<String> CONDITION_ORDER =
            List.of(Condition.READY, Condition.RECONCILING, Condition.STALLED);

    private StatusSnapshot() {}

    static void saveServices(Connection c, List<ServiceStatus> services, Instant at) throws SQLException {
        Set<String> names = new HashSet<>();
        for (ServiceStatus s : services) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("service " + s.name() + " appears twice in the status to save");
            }
        }
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

    /** Like Kubernetes: lastTransitionTime moves only when status changes, so it says "since when". */
    static void setCondition(Connection c, Condition condition) throws SQLException {
        Optional<Condition> stored = Sql.one(c, "SELECT * FROM status_condition WHERE type = ?",
                StatusSnapshot::condition, condition.type());
        Instant since = stored.filter(s -> s.status().equals(condition.status()))
                .map(Condition::lastTransitionTime)
                .orElse(condition.lastTransitionTime());
        Sql.update(c, """
                INSERT INTO status_condition (type, status, reason, message, last_transition_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (type) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                    message = excluded.message, last_transition_ms = excluded.last_transition_ms
                """, condition.type(), condition.status(), condition.reason(), condition.message(), since);
    }

    static Status read(Connection c) throws SQLException {
        List<Condition> conditions = Sql.list(c, "SELECT * FROM status_condition", StatusSnapshot::condition)
                .stream()
                .sorted(Comparator.comparingInt(StatusSnapshot::rank).thenComparing(Condition::type))
                .toList();
        List<ServiceStatus> services = Sql.list(c, "SELECT * FROM service_status ORDER BY name", r -> new ServiceStatus(
                r.getString("name"), r.getString("image"), r.getString("revision"), r.getString("slot"),
                r.getString("container"), r.getString("state")));
        Instant observedAt = Sql.one(c, "SELECT observed_ms FROM status_snapshot WHERE id = 1",
                r -> Sql.instant(r, "observed_ms")).orElse(null);
        return new Status(
                RevisionHistory.pointer(c, RevisionHistory.LAST_ATTEMPTED).orElse(null),
                RevisionHistory.pointer(c, RevisionHistory.LAST_APPLIED).orElse(null),
                RevisionHistory.failed(c),
                conditions,
                services,
                observedAt);
    }

    private static int rank(Condition condition) {
        int i = CONDITION_ORDER.indexOf(condition.type());
        return i < 0 ? CONDITION_ORDER.size() : i;
    }

    private static Condition condition(ResultSet r) throws SQLException {
        return new Condition(r.getString("type"), r.getString("status"), r.getString("reason"),
                r.getString("message"), Sql.instant(r, "last_transition_ms"));
    }
}
