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
 * @param port     the container port to expose, or null (a worker)
 */
public record NewContainer(String name, String image, List<String> env, List<String> command, List<String> binds,
                           Map<String, String> labels, String network, Integer port) {
    public NewContainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        env = List.copyOf(env);
        command = command == null ? null : List.copyOf(command);
        binds = List.copyOf(binds);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(network, "network");
    }
}
