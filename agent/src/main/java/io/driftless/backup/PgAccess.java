package io.driftless.backup;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How one policy reaches its database: the client programs (on the host for {@code url:}, inside the database's
 * container for {@code container:}), the server's facts and queries, where each major's programs live, the connection
 * the programs are given, and the password file (none in {@code container:} mode).
 *
 * @param where for messages: {@code postgresql://app@127.0.0.1:5432/app} or {@code container db (driftless-db-blue)}
 */
public record PgAccess(PgTools tools, PgServer server, Path root, PgConnection connection, Optional<Path> passwordFile,
                       String where) {
    public PgAccess {
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(where, "where");
    }
}
