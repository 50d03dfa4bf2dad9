package io.driftless.proxy;

import io.driftless.desired.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the agent talks to Caddy and what every rendered config carries besides the routes.
 *
 * @param admin          Caddy's admin API, e.g. {@code http://127.0.0.1:2019}; every load keeps admin there
 * @param shutdownDelay  how long a replaced server keeps answering (with {@code Connection: close}) before
 *                       it shuts down, so keep-alive clients move to the new server instead of failing
 * @param gracePeriod    how long a replaced server then waits for in-flight requests
 * @param tryDuration    how long a request waits for an upstream that refuses connections (a container
 *                       that is restarting) before Caddy answers 502
 * @param tryInterval    how often Caddy dials again within {@code tryDuration}
 * @param connectTimeout connecting to the admin API
 * @param requestTimeout one admin call; a load also gets {@link #drainTime()}, because Caddy answers it only
 *                       after the replaced server has drained
 */
public record CaddySettings(URI admin, Duration shutdownDelay, Duration gracePeriod, Duration tryDuration,
                            Duration tryInterval, Duration connectTimeout, Duration requestTimeout) {
    public static final Duration DEFAULT_SHUTDOWN_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TRY_DURATION = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TRY_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public CaddySettings {
        Objects.requireNonNull(admin, "admin");
        if (!"http".equals(admin.getScheme()) || admin.getHost() == null || admin.getPort() < 0) {
            throw new IllegalArgumentException("Caddy admin address '" + admin
                    + "' must look like http://127.0.0.1:2019 (scheme http, a host and a port)");
        }
        requirePositive(shutdownDelay, "shutdownDelay", true);
        requirePositive(gracePeriod, "gracePeriod", true);
        requirePositive(tryDuration, "tryDuration", true);
        requirePositive(tryInterval, "tryInterval", false);
        requirePositive(connectTimeout, "connectTimeout", false);
        requirePositive(requestTimeout, "requestTimeout", false);
    }

    /** The defaults for an admin API at {@code admin}. */
    public static CaddySettings defaults(URI admin) {
        return new CaddySettings(admin, DEFAULT_SHUTDOWN_DELAY, DEFAULT_GRACE_PERIOD, DEFAULT_TRY_DURATION,
                DEFAULT_TRY_INTERVAL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public CaddySettings withShutdownDelay(Duration value) {
        return new CaddySettings(admin, value, gracePeriod, tryDuration, tryInterval, connectTimeout, requestTimeout);
    }

    public CaddySettings withGracePeriod(Duration value) {
        return new CaddySettings(admin, shutdownDelay, value, tryDuration, tryInterval, connectTimeout, requestTimeout);
    }

    public CaddySettings withTry(Duration duration, Duration interval) {
        return new CaddySettings(admin, shutdownDelay, gracePeriod, duration, interval, connectTimeout, requestTimeout);
    }

    public CaddySettings withTimeouts(Duration connect, Duration request) {
        return new CaddySettings(admin, shutdownDelay, gracePeriod, tryDuration, tryInterval, connect, request);
    }

    /** The admin block's {@code listen} value: host:port of {@link #admin()}, brackets kept for IPv6. */
    public String adminListen() {
        return admin.getHost() + ":" + admin.getPort();
    }

    /**
     * The longest a replaced server can still send traffic to the old upstream after a switch: the old
     * container must stay up at least this long (the rollout's {@code drain} should not be shorter).
     */
    public Duration drainTime() {
        return shutdownDelay.plus(gracePeriod);
    }

    private static void requirePositive(Duration d, String name, boolean zeroAllowed) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException("Caddy setting " + name + " must be " + (zeroAllowed ? "zero or more" : "more than zero") + ", got " + Durations.format(d));
        }
    }
}
