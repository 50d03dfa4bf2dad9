package io.driftless.backup;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One restore drill of a {@code url:} policy.
 *
 * @param newest      the policy's newest verified backup, empty when it has none; its sidecar's facts are the
 *                    caller's (the ledger's record or the JSON beside the dump), the dump is checked against them
 * @param connection  the policy's database; the scratch database is created on the same server through it
 * @param verifyQuery the policy's {@code verify.query}, which must answer exactly one boolean true; empty when the
 *                    policy has none and the drill checks the tables only
 */
public record DrillRequest(Optional<DumpResult.Stored> newest, PgConnection connection, Optional<Path> passwordFile,
                           Optional<String> verifyQuery) {
    public DrillRequest {
        Objects.requireNonNull(newest, "newest");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(verifyQuery, "verifyQuery");
    }
}
