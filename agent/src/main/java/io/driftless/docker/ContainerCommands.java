package io.driftless.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;

import java.time.Duration;

/** The docker-java calls that create one container from a {@link NewContainer} and retire one. */
final class ContainerCommands {
    /** Stop graces beyond this are clamped: a container that ignores SIGTERM for 10 minutes gets SIGKILL. */
    static final Duration MAX_GRACE = Duration.ofMinutes(10);

    private ContainerCommands() {
    }

    /** Creates (does not start) the container; returns its id. */
    static String create(DockerClient docker, NewContainer request) {
        CreateContainerCmd cmd = docker.createContainerCmd(request.image())
                .withName(request.name())
                .withEnv(request.env())
                .withLabels(request.labels())
                .withHostConfig(hostConfig(request));
        if (request.command() != null) {
            cmd.withCmd(request.command());
        }
        if (request.host().user() != null) {
            cmd.withUser(request.host().user());
        }
        if (request.port() != null) {
            cmd.withExposedPorts(ExposedPort.tcp(request.port()));
        }
        return cmd.exec().getId();
    }

    /** The HostConfig of {@code request}: pure, so tests assert exactly what Docker is asked for. */
    static HostConfig hostConfig(NewContainer request) {
        return HostConfig.newHostConfig()
                // tini as PID 1 forwards SIGTERM: busybox and many apps ignore it as PID 1, so stop would
                // always wait out its grace.
                .withInit(true)
                .withNetworkMode(request.network())
                // A host reboot brings back what ran; a container the agent stopped stays stopped.
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                .withBinds(request.binds().stream().map(Bind::parse).toList())
                .withPrivileged(request.host().privileged())
                .withPidMode(request.host().pidMode())
                .withCapAdd(capabilities(request.host().capAdd()))
                .withCapDrop(capabilities(request.host().capDrop()))
                .withDevices(request.host().devices().stream().map(d -> new Device("rwm", d, d)).toList());
    }

    private static Capability[] capabilities(java.util.List<String> names) {
        return names.stream().map(Capability::valueOf).toArray(Capability[]::new);
    }

    /** Stops with SIGTERM, SIGKILL after {@code grace}, then removes; a container already gone is fine. */
    static void stopAndRemove(DockerClients clients, String id, Duration grace) {
        Duration bounded = grace.compareTo(MAX_GRACE) > 0 ? MAX_GRACE : grace.isNegative() ? Duration.ZERO : grace;
        int seconds = (int) ((bounded.toMillis() + 999) / 1000);
        try {
            clients.patient().stopContainerCmd(id).withTimeout(seconds).exec();
        } catch (NotModifiedException alreadyStopped) {
            // fine: remove it below
        } catch (NotFoundException gone) {
            return;
        }
        try {
            // -v removes anonymous volumes only; named volumes (the app's data) survive.
            clients.quick().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // removed meanwhile: done
        } catch (ConflictException e) {
            if (!String.valueOf(e.getMessage()).contains("already in progress")) {
                throw e;
            }
        }
    }
}
