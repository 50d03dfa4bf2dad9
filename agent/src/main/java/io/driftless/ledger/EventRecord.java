package io.driftless.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the agent wants the operator to be able to look back on.
 *
 * @param id       assigned by the ledger, increasing
 * @param at       when it happened
 * @param level    {@code INFO}, {@code WARN} or {@code ERROR}
 * @param revision the commit it concerns, or null
 * @param service  the service it concerns, or null
 * @param message  the human sentence
 */
public record EventRecord(long id, Instant at, String level, String revision, String service, String message) {
    public EventRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }
}
