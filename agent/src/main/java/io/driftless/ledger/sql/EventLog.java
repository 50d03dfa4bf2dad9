package io.driftless.ledger.sql;

import io.driftless.ledger.EventRecord;
import io.driftless.ledger.Ledger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** SQL for events. Callers hold the transaction. */
final class EventLog {
    private EventLog() {}

    static long append(Connection c, Instant at, String level, String revision, String service, String message)
            throws SQLException {
        long id = Sql.insert(c, """
                INSERT INTO event (at_ms, level, revision, service, message) VALUES (?, ?, ?, ?, ?) RETURNING id
                """, at, level, revision, service, message);
        Sql.update(c, "DELETE FROM event WHERE id <= ?", id - Ledger.KEEP_EVENTS);
        return id;
    }

    static List<EventRecord> recent(Connection c, int limit) throws SQLException {
        return Sql.list(c, "SELECT * FROM event ORDER BY id DESC LIMIT ?", EventLog::event, limit);
    }

    private static EventRecord event(ResultSet r) throws SQLException {
        return new EventRecord(r.getLong("id"), Sql.instant(r, "at_ms"), r.getString("level"),
                r.getString("revision"), r.getString("service"), r.getString("message"));
    }
}
