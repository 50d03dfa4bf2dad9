package io.driftless.desired;

import static io.driftless.testing.Manifests.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.testing.Manifests;
import io.driftless.testing.Services;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestBindingTest {
    private static final Service.Rollout RECREATE_DEFAULTS =
            new Service.Rollout(Service.Strategy.RECREATE, Duration.ofSeconds(10), Duration.ofSeconds(10));

    @Test
    void designExampleBindsToTheExactRecords() {
        Service web = Services.named("web").image("registry.example.com/acme/web:1.4.2").port(8080)
                .env(Map.of("APP_ENV", "production")).command(List.of("/app/server")).volumes(List.of("uploads:/srv/uploads"))
                .health(new Service.Health("/healthz", Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofSeconds(60)))
                .rollout(new Service.Rollout(Service.Strategy.BLUE_GREEN, Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .route("app.example.com", "/*").build();
        Service worker = Services.named("worker").image("registry.example.com/acme/worker:1.4.2").rollout(RECREATE_DEFAULTS)
                .build();
        Backup mainDb = new Backup("main-db",
                new Backup.Url("postgresql://app@127.0.0.1:5432/app", "/etc/driftless/db.pass"), "0 3 * * *",
                Backup.DEFAULT_TARGET, new Backup.Keep(0, 7, 4, 6), null,
                new Backup.Verify("weekly", "select count(*) > 0 from users"));
        Map<String, Service> services = new LinkedHashMap<>();
        services.put("web", web);
        services.put("worker", worker);

        Manifest expected = new Manifest(1, new Manifest.Proxy(List.of(":80", ":443"), Manifest.Tls.AUTO), services,
                Map.of("main-db", mainDb), false);

        assertEquals(expected, parse(Manifests.DESIGN_EXAMPLE));
        assertEquals(List.of("web", "worker"), List.copyOf(parse(Manifests.DESIGN_EXAMPLE).services().keySet()));
    }

    @Test
    void leftOutKeysTakeTheirDefaults() {
        Manifest manifest = parse(Manifests.MINIMAL + """
                  cron:
                    image: acme/cron
                """);

        assertEquals(Manifest.Proxy.DEFAULT, manifest.proxy());
        assertFalse(manifest.allowRemoveAll());
        assertEquals(Map.of(), manifest.backups());
        Service web = manifest.services().get("web");
        assertEquals(new Service.Health("/healthz", Duration.ofSeconds(1), Duration.ofSeconds(2), 3,
                Duration.ofSeconds(60)), web.health());
        assertEquals(new Service.Rollout(Service.Strategy.BLUE_GREEN, Duration.ofSeconds(10), Duration.ofSeconds(10)),
                web.rollout());
        assertTrue(web.blueGreen());
        assertEquals(Map.of(), web.env());
        assertNull(web.command());
        assertEquals(List.of(), web.volumes());
        assertEquals(List.of(), web.routes());
        Service cron = manifest.services().get("cron");
        assertEquals(RECREATE_DEFAULTS, cron.rollout());
        assertNull(cron.port());
        assertNull(cron.health());
    }

    @Test
    void servicesBuiltInTestsLeaveOutWhatTheParserLeavesOut() {
        Manifest manifest = parse(Manifests.MINIMAL + """
                  cron:
                    image: acme/cron
                  exporter:
                    image: acme/exporter:1
                    port: 9100
                    network: host
                """);

        assertEquals(Services.named("web").image("acme/web:1").port(8080).health("/healthz").build(),
                manifest.services().get("web"));
        assertEquals(Services.named("cron").image("acme/cron").build(), manifest.services().get("cron"));
        assertEquals(Services.named("exporter").image("acme/exporter:1").port(9100)
                .hostAccess(new HostAccess(false, true, false, List.of(), List.of(), List.of(), null)).build(),
                manifest.services().get("exporter"));
    }

    @Test
    void aProxyWithOnlyTlsKeepsTheDefaultListeners() {
        Manifest manifest = parse("version: 1\nproxy: {tls: off}\n");

        assertEquals(new Manifest.Proxy(List.of(":80", ":443"), Manifest.Tls.OFF), manifest.proxy());
    }

    @Test
    void listenAcceptsEveryHostForm() {
        Manifest manifest = parse("""
                version: 1
                proxy:
                  listen: [":80", "127.0.0.1:8080", "[::1]:443", "localhost:9000"]
                  tls: internal
                """);

        assertEquals(List.of(":80", "127.0.0.1:8080", "[::1]:443", "localhost:9000"), manifest.proxy().listen());
        assertEquals(Manifest.Tls.INTERNAL, manifest.proxy().tls());
    }

    @Test
    void everyTlsModeReadsBackFromItsKey() {
        for (Manifest.Tls tls : Manifest.Tls.values()) {
            assertEquals(tls, Manifest.Tls.of(tls.key()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Manifest.Tls.of("AUTO"));
        assertEquals("proxy.tls is 'AUTO': use auto, internal or off", e.getMessage());
    }

    @Test
    void allowRemoveAllIsReadAsTheAuthorsExplicitConsent() {
        assertTrue(parse("version: 1\nallowRemoveAll: true\n").allowRemoveAll());
        assertFalse(parse("version: 1\nallowRemoveAll: false\n").allowRemoveAll());
    }

    @Test
    void envValuesKeepTheTextTheFileWroteInFileOrder() {
        Manifest manifest = parse("""
                version: 1
                services:
                  app:
                    image: acme/app
                    env:
                      ZED: "last"
                      PORT: 0800
                      DEBUG: yes
                      RATIO: 1.50
                      EMPTY: ""
                      _private: x
                """);

        Map<String, String> env = manifest.services().get("app").env();
        assertEquals(List.of("ZED", "PORT", "DEBUG", "RATIO", "EMPTY", "_private"), List.copyOf(env.keySet()));
        assertEquals("0800", env.get("PORT"));
        assertEquals("yes", env.get("DEBUG"));
        assertEquals("1.50", env.get("RATIO"));
        assertEquals("", env.get("EMPTY"));
    }

    @Test
    void durationsAreReadTheGoWay() {
        Manifest manifest = parse("""
                version: 1
                services:
                  web:
                    image: acme/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                    port: 80
                    health: {path: /h, interval: 500ms, timeout: 1.5s, deadline: 1m30s}
                    rollout: {drain: 0s, monitor: 2h}
                """);

        Service web = manifest.services().get("web");
        assertEquals(Duration.ofMillis(500), web.health().interval());
        assertEquals(Duration.ofMillis(1500), web.health().timeout());
        assertEquals(Duration.ofSeconds(90), web.health().deadline());
        assertEquals(Duration.ZERO, web.rollout().drain());
        assertEquals(Duration.ofHours(2), web.rollout().monitor());
    }

    @Test
    void aRecreateServiceWithAPortNeedsNoHealthCheckAndMayHaveRoutes() {
        Manifest manifest = parse("""
                version: 1
                services:
                  admin:
                    image: localhost:5000/tools/admin-ui:v2.0_rc1
                    port: 3000
                    rollout: {strategy: recreate}
                    routes:
                      - {host: "*.admin.example.com"}
                      - {path: /api/*}
                      - {}
                """);

        Service admin = manifest.services().get("admin");
        assertEquals(Service.Strategy.RECREATE, admin.rollout().strategy());
        assertEquals(List.of(new Service.Route("*.admin.example.com", null), new Service.Route(null, "/api/*"),
                new Service.Route(null, null)), admin.routes());
    }

    @Test
    void verifyWithoutRestoreRestoresWeeklyAndNoVerifyMeansNone() {
        Manifest manifest = parse("""
                version: 1
                backups:
                  a:
                    postgres: {url: "postgres://app@db/app"}
                    schedule: "*/15 1-5 * 1,6 0"
                    keep: {daily: 3}
                    verify: {query: "select 1"}
                  b:
                    postgres: {url: "postgresql://db/app?sslmode=require"}
                    schedule: "0 3 * * *"
                    keep: {monthly: 1}
                """);

        assertEquals(new Backup.Verify("weekly", "select 1"), manifest.backups().get("a").verify());
        assertEquals(new Backup.Keep(0, 3, 0, 0), manifest.backups().get("a").keep());
        assertNull(manifest.backups().get("b").verify());
        assertNull(((Backup.Url) manifest.backups().get("b").postgres()).passwordFile());
    }

    @Test
    void anEmptyServicesSectionIsAManifestWithNoServices() {
        assertEquals(Map.of(), parse("version: 1\nservices:\n").services());
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsAreFine() throws InvalidManifestException {
        Manifest manifest = ManifestParser.parse(Manifests.FILE,
                "\uFEFFversion: 1\r\nservices:\r\n  w:\r\n    image: acme/w\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals("acme/w", manifest.services().get("w").image());
    }
}
