package io.driftless.docker;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the daemon is and how this agent instance names its things.
 *
 * @param host        the daemon, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}
 * @param instance    the agent instance: its containers are {@code <instance>-<service>-<slot>} and carry the
 *                    {@code io.driftless.instance} label, so several agents (or test runs) can share a host
 * @param network     the user-defined bridge network the containers join (created when missing)
 * @param pullTimeout how long a pull may take before the rollout gives up on the image
 */
public record DockerSettings(URI host, String instance, String network, Duration pullTimeout) {
    public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");
    public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    public DockerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pullTimeout, "pullTimeout");
        requireName("instance", instance);
        requireName("network", network);
    }

    /**
     * The daemon from {@code DOCKER_HOST} in {@code environment} (the one given to the command line), else the local
     * socket; a network named after the instance.
     */
    public static DockerSettings forInstance(String instance, Map<String, String> environment) {
        String env = environment.get("DOCKER_HOST");
        URI host = env == null || env.isBlank() ? DEFAULT_HOST : URI.create(env.trim());
        return new DockerSettings(host, instance, instance, DEFAULT_PULL_TIMEOUT);
    }

    public DockerSettings withNetwork(String network) {
        return new DockerSettings(host, instance, network, pullTimeout);
    }

    public DockerSettings withPullTimeout(Duration pullTimeout) {
        return new DockerSettings(host, instance, network, pullTimeout);
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("Docker " + what + " name '" + value
                    + "' is not usable: use letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
    }
}
