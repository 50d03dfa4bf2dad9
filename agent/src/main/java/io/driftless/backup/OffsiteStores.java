package io.driftless.backup;

import io.driftless.desired.Backup;

/** The port that opens a policy's folder offsite ({@code dir:} or {@code rclone:}); the shell picks the store. */
public interface OffsiteStores {
    OffsiteStore of(String policy, Backup.Offsite offsite);

    /** How status and the ledger name the remote: {@code dir:/mnt/offsite}, {@code rclone:b2:acme}. */
    static String describe(Backup.Offsite offsite) {
        return switch (offsite) {
            case Backup.Dir d -> "dir:" + d.path();
            case Backup.Rclone r -> "rclone:" + r.remote();
        };
    }
}
