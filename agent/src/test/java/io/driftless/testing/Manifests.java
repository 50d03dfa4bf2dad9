package io.driftless.testing;

import io.driftless.desired.Manifest;
import io.driftless.desired.Service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Manifests built in code, for tests of the pure core that should not depend on the parser. */
public final class Manifests {
    private Manifests() {
    }

    public static Service web(String image) {
        return webNamed("web", image, "/*");
    }

    public static Service webNamed(String name, String image, String path) {
        return new Service(name, image, 8080, Map.of(), null, List.of(),
                new Service.Health("/healthz", Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofSeconds(30)),
                new Service.Rollout(Service.Strategy.BLUE_GREEN, Duration.ofSeconds(10), Duration.ofSeconds(10)),
                List.of(new Service.Route(null, path)));
    }

    public static Service worker(String image) {
        return new Service("worker", image, null, Map.of(), null, List.of(), null,
                new Service.Rollout(Service.Strategy.RECREATE, Duration.ofSeconds(10), Duration.ofSeconds(10)), List.of());
    }

    public static Service withEnv(Service s, Map<String, String> env) {
        return new Service(s.name(), s.image(), s.port(), env, s.command(), s.volumes(), s.health(), s.rollout(), s.routes());
    }

    public static Manifest of(Service... services) {
        Map<String, Service> map = new LinkedHashMap<>();
        for (Service s : services) {
            map.put(s.name(), s);
        }
        return new Manifest(1, new Manifest.Proxy(List.of("127.0.0.1:8000"), Manifest.Tls.OFF), map, Map.of(), false);
    }
}
