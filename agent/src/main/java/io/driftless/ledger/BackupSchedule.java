package io.driftless.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * When the agent's scheduler runs a backup policy next, as {@link Ledger#recordSchedules} keeps it for
 * {@code status}.
 *
 * @param name         the backup policy's name in the manifest
 * @param nextBackupAt when its next backup is due
 * @param nextDrillAt  when its next restore drill is due, or null when it has no drill scheduled
 */
public record BackupSchedule(String name, Instant nextBackupAt, Instant nextDrillAt) {
    public BackupSchedule {
        Checks.policy(name);
        Objects.requireNonNull(nextBackupAt, "nextBackupAt");
    }
}
