package io.driftless.testing;

import io.driftless.desired.HostAccess;
import io.driftless.desired.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Service} built in code by naming what matters to the test:
 * {@code Services.named("web").image("acme/web:1").port(8080).health("/healthz").route(null, "/*").build()}.
 * What a test leaves out is what the parser gives for a key left out of the manifest (pinned by
 * {@code desired.ManifestBindingTest}): no port, env, command, volumes, health, routes or host access; drain and
 * monitor at their defaults; blue-green for a service with a port off the host's network, recreate otherwise.
 */
public final class Services {
    private Services() {
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Starts from {@code service}, to change a field or two. */
    public static Builder from(Service service) {
        Builder b = new Builder(service.name()).image(service.image()).port(service.port()).env(service.env())
                .command(service.command()).volumes(service.volumes()).health(service.health())
                .rollout(service.rollout()).hostAccess(service.hostAccess()).snapshot(service.snapshot());
        b.routes.addAll(service.routes());
        return b;
    }

    public static final class Builder {
        private final String name;
        private String image;
        private Integer port;
        private Map<String, String> env = Map.of();
        private List<String> command;
        private List<String> volumes = List.of();
        private Service.Health health;
        private Service.Strategy strategy;
        private Duration drain = Service.Rollout.DEFAULT_DRAIN;
        private Duration monitor = Service.Rollout.DEFAULT_MONITOR;
        private final List<Service.Route> routes = new ArrayList<>();
        private HostAccess hostAccess = HostAccess.NONE;
        private Service.Snapshot snapshot;

        private Builder(String name) {
            this.name = name;
        }

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        /** Null keeps the image's own command. */
        public Builder command(List<String> command) {
            this.command = command;
            return this;
        }

        public Builder volumes(List<String> volumes) {
            this.volumes = volumes;
            return this;
        }

        /** A health check on {@code path} with the parser's default timings. */
        public Builder health(String path) {
            return health(new Service.Health(path, Service.Health.DEFAULT_INTERVAL, Service.Health.DEFAULT_TIMEOUT,
                    Service.Health.DEFAULT_SUCCESSES, Service.Health.DEFAULT_DEADLINE));
        }

        public Builder health(Service.Health health) {
            this.health = health;
            return this;
        }

        public Builder strategy(Service.Strategy strategy) {
            this.strategy = strategy;
            return this;
        }

        public Builder drain(Duration drain) {
            this.drain = drain;
            return this;
        }

        public Builder monitor(Duration monitor) {
            this.monitor = monitor;
            return this;
        }

        public Builder rollout(Service.Rollout rollout) {
            return strategy(rollout.strategy()).drain(rollout.drain()).monitor(rollout.monitor());
        }

        /** Adds a route; a null host matches every host, a null path every path. */
        public Builder route(String host, String path) {
            routes.add(new Service.Route(host, path));
            return this;
        }

        public Builder noRoutes() {
            routes.clear();
            return this;
        }

        public Builder hostAccess(HostAccess hostAccess) {
            this.hostAccess = hostAccess;
            return this;
        }

        public Builder snapshot(Service.Snapshot snapshot) {
            this.snapshot = snapshot;
            return this;
        }

        public Service build() {
            if (image == null) {
                throw new IllegalStateException("service " + name + " needs an image, as in a manifest");
            }
            Service.Strategy chosen = strategy != null ? strategy
                    : port != null && !hostAccess.hostNetwork() ? Service.Strategy.BLUE_GREEN : Service.Strategy.RECREATE;
            return new Service(name, image, port, env, command, volumes, health, new Service.Rollout(chosen, drain, monitor),
                    routes, hostAccess, snapshot);
        }
    }
}
