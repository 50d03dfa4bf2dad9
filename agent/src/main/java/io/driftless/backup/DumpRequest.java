package io.driftless.backup;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One backup to take of a {@code url:} policy.
 *
 * @param name         the policy's name; its folder under {@code target} and the prefix of its files
 * @param passwordFile the policy's passwordFile, if it has one
 * @param policyCommit the manifest commit whose policy this is, recorded in the sidecar
 */
public record DumpRequest(String name, PgConnection connection, Optional<Path> passwordFile, Path target,
                          String policyCommit) {
    public DumpRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(policyCommit, "policyCommit");
    }
}
