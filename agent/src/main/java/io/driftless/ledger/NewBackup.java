package io.driftless.ledger;

import java.time.Instant;

/**
 * A backup whose file is stored and checked, as {@link Ledger#recordBackup} records it.
 *
 * @param name      the backup policy's name in the manifest
 * @param at        when it was made: rotation goes by this time, never by file mtimes
 * @param file      where the dump is kept on the host
 * @param verified  whether it was read back in full
 */
public record NewBackup(String name, BackupKind kind, Instant at, String file, long sizeBytes, String sha256,
        boolean verified) {
    public NewBackup {
        Checks.backup(name, kind, at, file, sizeBytes, sha256);
    }
}
