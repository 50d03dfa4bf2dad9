package io.driftless.docker;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything Docker is told when the agent creates a container: built from the manifest by
 * {@link ContainerMapper#newContainer}, carried out by {@link DockerEngine#run}. Kept apart so tests can
 * assert the exact request without a daemon.
 *
 * @param command  null keeps the image's own command
 * @param binds    {@code source:destination:mode} with mode rw or ro; source is a named volume or an
 *                 absolute host path
 * @param network  the network mode: the agent's network, or {@code host}
 * @param port     the container port to expose, or null (a worker)
 * @param host     what it is given of the host beyond an ordinary container
 */
public record NewContainer(String name, String image, List<String> env, List<String> command, List<String> binds,
                           Map<String, String> labels, String network, Integer port, Host host) {
    public NewContainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        env = List.copyOf(env);
        command = command == null ? null : List.copyOf(command);
        binds = List.copyOf(binds);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(network, "network");
        host = host == null ? Host.NONE : host;
    }

    /** An ordinary container: nothing of the host beyond Docker's defaults. */
    public NewContainer(String name, String image, List<String> env, List<String> command, List<String> binds,
                        Map<String, String> labels, String network, Integer port) {
        this(name, image, env, command, binds, labels, network, port, Host.NONE);
    }

    /**
     * The HostConfig settings that reach into the host.
     *
     * @param pidMode  {@code host}, or null for the container's own process namespace
     * @param capAdd   capability names as Docker takes them (NET_ADMIN, ALL)
     * @param devices  host device paths, given at the same path inside with rwm access
     * @param user     {@code user[:group]}, or null for the image's own
     */
    public record Host(boolean privileged, String pidMode, List<String> capAdd, List<String> capDrop,
                       List<String> devices, String user) {
        public static final Host NONE = new Host(false, null, List.of(), List.of(), List.of(), null);

        public Host {
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
            devices = List.copyOf(devices);
        }
    }
}
