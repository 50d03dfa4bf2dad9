package io.driftless;

import io.driftless.backup.PgAccess;
import io.driftless.backup.PgAccessFactory;
import io.driftless.backup.PgCommands;
import io.driftless.backup.PgConnection;
import io.driftless.desired.Backup;
import io.driftless.pgclient.JdbcPgServer;
import io.driftless.pgclient.ProcessPgTools;

import java.nio.file.Path;
import java.util.Optional;

/** Picks how a policy reaches its database: the host's client programs for {@code url:}, docker exec for {@code container:}. */
final class PgAccesses implements PgAccessFactory {
    private final ContainerAccess containers;

    /** {@code container:} mode, from the Docker adapter. */
    interface ContainerAccess {
        PgAccess of(Backup policy, Backup.Container container) throws Unusable;
    }

    PgAccesses(ContainerAccess containers) {
        this.containers = containers;
    }

    @Override
    public PgAccess of(Backup policy) throws Unusable {
        return switch (policy.postgres()) {
            case Backup.Url url -> host(url.url(), url.passwordFile() == null ? Optional.empty() : Optional.of(Path.of(url.passwordFile())),
                    "backup " + policy.name() + ": postgres.url");
            case Backup.Container container -> containers.of(policy, container);
        };
    }

    @Override
    public PgAccess ofUrl(String url, Optional<Path> passwordFile) throws Unusable {
        return host(url, passwordFile, "--to");
    }

    private static PgAccess host(String url, Optional<Path> passwordFile, String called) throws Unusable {
        PgConnection connection;
        try {
            connection = PgConnection.parse(url);
        } catch (IllegalArgumentException e) {
            throw new Unusable(called + ": " + e.getMessage());
        }
        return new PgAccess(new ProcessPgTools(), new JdbcPgServer(), PgCommands.DEBIAN_ROOT, connection, passwordFile,
                connection.url());
    }
}
