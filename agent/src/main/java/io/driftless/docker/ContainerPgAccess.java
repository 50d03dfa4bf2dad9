package io.driftless.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.driftless.backup.PgAccess;
import io.driftless.backup.PgAccessFactory;
import io.driftless.backup.PgCommands;
import io.driftless.backup.PgConnection;
import io.driftless.desired.Backup;
import io.driftless.live.Labels;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code postgres.container} policy's {@link PgAccess}: the client programs and psql run inside the container with
 * docker exec, through its local socket, with no password. {@code container} names a service of the manifest (then the
 * managed container of this instance that serves it now: a running one, the newest when both slots run) or else any
 * container's name. Resolved once per call: build a new one for each backup, drill or restore.
 */
public final class ContainerPgAccess {
    /** Where Debian's packages (and the official images) put the server's socket. */
    public static final String SOCKET_DIRECTORY = "/var/run/postgresql";
    /** For psql runs that ask the server or run a restore's swap. */
    static final Duration SERVER_TIMEOUT = Duration.ofMinutes(10);

    private ContainerPgAccess() {
    }

    /**
     * @throws PgAccessFactory.Unusable when no container of that name or service exists, or Docker cannot be asked;
     *                                  the message names the backup and says what to do
     */
    public static PgAccess of(DockerEngine engine, Backup policy, Backup.Container container)
            throws PgAccessFactory.Unusable {
        DockerClient docker = engine.clients().patient();
        Target target = find(engine.clients().quick(), engine.settings().instance(), policy.name(), container.container());
        ContainerExec exec = new ContainerExec(docker, target.id(), target.where());
        return new PgAccess(new ContainerPgTools(exec), new ContainerPgServer(exec, SERVER_TIMEOUT),
                PgCommands.DEBIAN_ROOT, PgConnection.socket(SOCKET_DIRECTORY, container.database(), container.user()),
                Optional.empty(), target.where());
    }

    /** @param where {@code container db (driftless-db-blue)} for a service, {@code container pg} for a plain name */
    record Target(String id, String where) {
    }

    static Target find(DockerClient docker, String instance, String backup, String name) throws PgAccessFactory.Unusable {
        try {
            List<Container> serving = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.INSTANCE, instance, Labels.SERVICE, name))
                    .exec();
            Optional<Container> chosen = serving.stream()
                    .sorted(Comparator.comparing((Container c) -> "running".equals(c.getState()))
                            .thenComparing(c -> c.getCreated() == null ? 0L : c.getCreated())
                            .reversed())
                    .findFirst();
            if (chosen.isPresent()) {
                String containerName = chosen.get().getNames().length == 0 ? chosen.get().getId()
                        : chosen.get().getNames()[0].replaceFirst("^/", "");
                return new Target(chosen.get().getId(), "container " + name + " (" + containerName + ")");
            }
            try {
                return new Target(docker.inspectContainerCmd(name).exec().getId(), "container " + name);
            } catch (NotFoundException absent) {
                throw new PgAccessFactory.Unusable("backup " + backup + ": postgres.container " + name + " is neither a "
                        + "service with a container nor a container on this host; start it or check postgres.container");
            }
        } catch (RuntimeException failed) {
            throw new PgAccessFactory.Unusable("backup " + backup + ": cannot ask Docker for postgres.container " + name
                    + ": " + DockerFailures.reason(failed) + (DockerFailures.unreachable(failed)
                    ? " (is dockerd running? scripts/components.sh starts it)" : ""));
        }
    }
}
