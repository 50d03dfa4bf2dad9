package io.driftless.ledger;

import java.time.Instant;

/**
 * A stored backup as {@code backup list --json} prints it; the field names are that contract.
 *
 * @param offsite its offsite copy, or null when none was attempted
 */
public record BackupRecord(long id, String name, BackupKind kind, Instant at, String file, long sizeBytes,
        String sha256, boolean verified, Offsite offsite) {}
