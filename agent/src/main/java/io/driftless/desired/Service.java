package io.driftless.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One service of the manifest.
 *
 * @param port    container port that receives proxied traffic and health probes; null when the service
 *                serves nothing (a worker)
 * @param command null keeps the image's own command
 * @param health  null when the service declares no health check (only allowed with {@code recreate})
 * @param routes  empty when the service is not exposed through Caddy
 * @param hostAccess what it asks of the host beyond an ordinary container ({@link HostAccess#NONE} for nothing)
 * @param snapshot null when no backup is taken right before its candidate starts
 */
public record Service(String name, String image, Integer port, Map<String, String> env, List<String> command,
                      List<String> volumes, Health health, Rollout rollout, List<Route> routes, HostAccess hostAccess,
                      Snapshot snapshot) {
    public Service {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        env = Collections2.orderedCopy(env);
        command = command == null ? null : List.copyOf(command);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        Objects.requireNonNull(rollout, "rollout");
        routes = routes == null ? List.of() : List.copyOf(routes);
        hostAccess = hostAccess == null ? HostAccess.NONE : hostAccess;
    }

    /** A service that takes no snapshot before its rollouts. */
    public Service(String name, String image, Integer port, Map<String, String> env, List<String> command,
                   List<String> volumes, Health health, Rollout rollout, List<Route> routes, HostAccess hostAccess) {
        this(name, image, port, env, command, volumes, health, rollout, routes, hostAccess, null);
    }

    /** A service that asks nothing of the host beyond an ordinary container. */
    public Service(String name, String image, Integer port, Map<String, String> env, List<String> command,
                   List<String> volumes, Health health, Rollout rollout, List<Route> routes) {
        this(name, image, port, env, command, volumes, health, rollout, routes, HostAccess.NONE);
    }

    /**
     * A short, stable digest of everything that forces a new container: image, env, command, volumes,
     * port, host access. Health, routes, rollout timings and the snapshot are not in it: changing them needs no new
     * container.
     */
    public String specHash() {
        StringBuilder canonical = new StringBuilder();
        canonical.append("image=").append(image).append('\n');
        canonical.append("port=").append(port).append('\n');
        new TreeMap<>(env).forEach((k, v) -> canonical.append("env.").append(k).append('=').append(v).append('\n'));
        canonical.append("command=").append(command == null ? "<image default>" : String.join("\u0000", command)).append('\n');
        canonical.append("volumes=").append(String.join("\u0000", volumes)).append('\n');
        canonical.append(hostAccess.canonical());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public boolean blueGreen() {
        return rollout.strategy() == Strategy.BLUE_GREEN;
    }

    /** HTTP health check, from the agent to the container. */
    public record Health(String path, Duration interval, Duration timeout, int successes, Duration deadline) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
        public static final int DEFAULT_SUCCESSES = 3;
        public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

        public Health {
            Objects.requireNonNull(path, "path");
        }
    }

    public enum Strategy {
        BLUE_GREEN("blue-green"), RECREATE("recreate");

        private final String key;

        Strategy(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * @param drain   how long the old container keeps serving in-flight requests after the switch
     * @param monitor how long the new container is watched after the switch before the old one retires
     */
    public record Rollout(Strategy strategy, Duration drain, Duration monitor) {
        public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);
        public static final Duration DEFAULT_MONITOR = Duration.ofSeconds(10);

        public Rollout {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(drain, "drain");
            Objects.requireNonNull(monitor, "monitor");
        }
    }

    /**
     * A backup of {@code backup} (a policy of the same manifest) right before the candidate starts.
     *
     * @param restoreOnFailure restore it when the rollout fails after the candidate started and the schema changed
     */
    public record Snapshot(String backup, boolean restoreOnFailure) {
        public Snapshot {
            Objects.requireNonNull(backup, "backup");
        }
    }

    /** A Caddy route to this service; null host matches every host, null path every path. */
    public record Route(String host, String path) {
    }
}
