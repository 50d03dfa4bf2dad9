package io.driftless.backup;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One break-glass restore of a {@code url:} policy's backup into the database at {@code target}.
 *
 * @param name         the policy's name; the pre-restore backup is filed under it
 * @param backup       the chosen backup with its sidecar's facts; the dump is checked against them
 * @param target       the database to replace; its user needs CREATEDB and must own it
 * @param passwordFile the target user's password, if it has one
 * @param backups      where the pre-restore backup goes (the policy's target folder)
 * @param policyCommit recorded in the pre-restore backup's sidecar
 */
public record RestoreRequest(String name, DumpResult.Stored backup, PgConnection target, Optional<Path> passwordFile,
                             Path backups, String policyCommit) {
    public RestoreRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(policyCommit, "policyCommit");
    }
}
