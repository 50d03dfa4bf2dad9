package io.driftless.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A restore drill: the newest verified backup restored into a scratch database and checked.
 *
 * @param sizeBytes the size of the backup restored, 0 when there was none
 * @param message   what was checked, or why it failed
 * @param backupId  the backup restored, or null when the policy had none (a failed drill)
 */
public record DrillRecord(String name, Instant at, boolean passed, long durationMs, long sizeBytes, String message,
        Long backupId) {
    public DrillRecord {
        Checks.policy(name);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
        if (durationMs < 0 || sizeBytes < 0) {
            throw new IllegalArgumentException("drill of " + name + ": duration and size must not be negative");
        }
    }
}
