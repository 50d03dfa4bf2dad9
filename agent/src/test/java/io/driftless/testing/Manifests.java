package io.driftless.testing;

import io.driftless.desired.InvalidManifestException;
import io.driftless.desired.Manifest;
import io.driftless.desired.ManifestError;
import io.driftless.desired.ManifestParser;
import io.driftless.desired.Service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test manifests, two ways: built in code, for tests of the pure core that should not depend on the parser; and as
 * YAML, with the one assertion the parser's error tests share: "this error, at this line and column".
 */
public final class Manifests {
    public static final String FILE = "deploy/driftless.yaml";

    /** The full example manifest of the manifest contract, verbatim (every key). */
    public static final String DESIGN_EXAMPLE = """
            version: 1
            proxy:
              listen: [":80", ":443"]          # Caddy listeners the agent owns
              tls: auto                         # auto | internal | off
            services:
              web:
                image: registry.example.com/acme/web:1.4.2   # tag or @sha256 digest
                port: 8080                      # container port that receives proxied traffic
                env: {APP_ENV: production}
                command: ["/app/server"]        # optional
                volumes: ["uploads:/srv/uploads"]
                health:
                  path: /healthz                # HTTP GET from the agent to the container
                  interval: 1s
                  timeout: 2s
                  successes: 3                  # consecutive 2xx needed
                  deadline: 60s                 # give up (rollout fails) after this
                rollout:
                  strategy: blue-green          # blue-green (default with port) | recreate
                  drain: 10s                    # old container keeps serving in-flight requests
                  monitor: 10s                  # after the switch, keep watching before retiring old
                routes:
                  - host: app.example.com       # optional
                    path: /*                    # optional
              worker:
                image: registry.example.com/acme/worker:1.4.2
                rollout: {strategy: recreate}
            backups:
              main-db:
                postgres: {url: "postgresql://app@127.0.0.1:5432/app", passwordFile: /etc/driftless/db.pass}
                schedule: "0 3 * * *"
                keep: {daily: 7, weekly: 4, monthly: 6}
                verify: {restore: weekly, query: "select count(*) > 0 from users"}
            """;

    /** A small valid manifest that error tests extend; `web` is on line 3. */
    public static final String MINIMAL = """
            version: 1
            services:
              web:
                image: acme/web:1
                port: 8080
                health: {path: /healthz}
            """;

    private Manifests() {
    }

    public static Service web(String image) {
        return webNamed("web", image, "/*");
    }

    /** A routed blue-green service on port 8080, gated by /healthz with a 30 s deadline. */
    public static Service webNamed(String name, String image, String path) {
        return Services.named(name).image(image).port(8080)
                .health(new Service.Health("/healthz", Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofSeconds(30)))
                .route(null, path).build();
    }

    public static Service worker(String image) {
        return Services.named("worker").image(image).build();
    }

    public static Service withEnv(Service s, Map<String, String> env) {
        return Services.from(s).env(env).build();
    }

    public static Manifest of(Service... services) {
        Map<String, Service> map = new LinkedHashMap<>();
        for (Service s : services) {
            map.put(s.name(), s);
        }
        return new Manifest(1, new Manifest.Proxy(List.of("127.0.0.1:8000"), Manifest.Tls.OFF), map, Map.of(), false);
    }

    public static Manifest parse(String yaml) {
        try {
            return ManifestParser.parse(FILE, yaml);
        } catch (InvalidManifestException e) {
            return fail("expected a valid manifest, got:\n" + e.errors().stream().map(ManifestError::toString)
                    .collect(Collectors.joining("\n")));
        }
    }

    public static List<ManifestError> errors(String yaml) {
        return assertThrows(InvalidManifestException.class, () -> ManifestParser.parse(FILE, yaml)).errors();
    }

    /** The manifest has an error at exactly {@code line:column} whose message contains {@code fragment}. */
    public static ManifestError assertError(String yaml, int line, int column, String fragment) {
        List<ManifestError> errors = errors(yaml);
        return errors.stream()
                .filter(e -> e.line() == line && e.column() == column && e.message().contains(fragment))
                .findFirst()
                .orElseGet(() -> fail("no error at " + line + ":" + column + " containing \"" + fragment + "\"; got:\n"
                        + errors.stream().map(ManifestError::toString).collect(Collectors.joining("\n"))));
    }

    /** The manifest has exactly one error, at {@code line:column}, and its message contains {@code fragment}. */
    public static ManifestError assertOnlyError(String yaml, int line, int column, String fragment) {
        List<ManifestError> errors = errors(yaml);
        if (errors.size() != 1) {
            fail("expected one error, got:\n" + errors.stream().map(ManifestError::toString)
                    .collect(Collectors.joining("\n")));
        }
        return assertError(yaml, line, column, fragment);
    }
}
