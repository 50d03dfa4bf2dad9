package io.driftless.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * The host is suspended ({@code driftless suspend}): no new commit is applied until {@code driftless resume}; what
 * runs is still repaired toward the last applied commit. {@code status --json} shows it as {@code suspended}.
 *
 * @param at     when it was suspended
 * @param by     who suspended it ({@code user@host})
 * @param reason the operator's words, or null
 */
public record Suspension(Instant at, String by, String reason) {
    public Suspension {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        if (reason != null && reason.isBlank()) {
            reason = null;
        }
    }
}
