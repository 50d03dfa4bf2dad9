package io.driftless.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.live.RouteTable;
import io.driftless.live.RouteTable.Binding;
import io.driftless.live.Slot;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaddyConfigTest {
    private static final CaddySettings SETTINGS = CaddySettings.defaults(URI.create("http://127.0.0.1:2999"));

    private static final RouteTable NO_BINDINGS = new RouteTable(List.of(":80", ":443"), "auto", List.of());
    private static final RouteTable HOSTS_AND_PATHS = new RouteTable(List.of("127.0.0.1:8080"), "off", List.of(
            new Binding("web", Slot.BLUE, "172.18.0.5:8080", "app.example.com", "/*"),
            new Binding("api", Slot.GREEN, "172.18.0.6:9000", "app.example.com", "/api/*"),
            new Binding("docs", Slot.BLUE, "172.18.0.7:80", null, "/docs/*"),
            new Binding("fallback", Slot.GREEN, "172.18.0.8:80", null, null)));
    private static final RouteTable WILDCARDS = new RouteTable(List.of(":443"), "internal", List.of(
            new Binding("tenant-app", Slot.GREEN, "10.0.0.2:3000", "*.example.com", null),
            new Binding("admin", Slot.BLUE, "10.0.0.3:3000", "admin.example.com", null)));
    private static final RouteTable ODD_NAMES = new RouteTable(List.of(":80"), "off", List.of(
            new Binding("name:with:colons", Slot.BLUE, "[::1]:8080", "a.test", null),
            new Binding("x-1_2.3", Slot.GREEN, "127.0.0.1:1", "b.test", "/")));

    @Test
    void everyTableReadsBackAsItself() {
        for (RouteTable table : List.of(NO_BINDINGS, HOSTS_AND_PATHS, WILDCARDS, ODD_NAMES)) {
            assertEquals(Optional.of(table), CaddyConfig.parse(CaddyConfig.renderJson(table, SETTINGS)), table.toString());
        }
    }

    @Test
    void renderedConfigKeepsTheAdminApiWhereItIs() {
        JsonNode config = CaddyConfig.render(NO_BINDINGS, SETTINGS);
        assertEquals("127.0.0.1:2999", config.at("/admin/listen").asText());
    }

    @Test
    void replacedServersDrainForTheConfiguredTimes() {
        JsonNode config = CaddyConfig.render(NO_BINDINGS, SETTINGS.withShutdownDelay(Duration.ofMillis(2500)));
        assertEquals("2s500ms", config.at("/apps/http/shutdown_delay").asText());
        assertEquals("5s", config.at("/apps/http/grace_period").asText());
    }

    @Test
    void drainRouteComesFirstAndTellsClientsToReconnect() {
        JsonNode first = server(CaddyConfig.render(HOSTS_AND_PATHS, SETTINGS)).at("/routes/0");
        assertEquals("true", first.at("/match/0/vars/{http.shutting_down}/0").asText());
        assertEquals("headers", first.at("/handle/0/handler").asText());
        assertEquals("close", first.at("/handle/0/response/set/Connection/0").asText());
        assertFalse(first.path("terminal").asBoolean(false), "the drain route must let the request go on");
    }

    @Test
    void eachBindingIsATerminalRouteThatRetriesDialFailures() {
        JsonNode routes = server(CaddyConfig.render(HOSTS_AND_PATHS, SETTINGS.withTry(Duration.ofSeconds(7), Duration.ofMillis(100)))).path("routes");
        assertEquals(1 + HOSTS_AND_PATHS.bindings().size(), routes.size());
        for (int i = 0; i < HOSTS_AND_PATHS.bindings().size(); i++) {
            Binding binding = HOSTS_AND_PATHS.bindings().get(i);
            JsonNode route = routes.path(i + 1);
            assertTrue(route.path("@id").asText().startsWith("driftless-route-" + i + ":"), route.toString());
            assertTrue(route.path("terminal").asBoolean(), route.toString());
            JsonNode proxy = route.at("/handle/0");
            assertEquals("reverse_proxy", proxy.path("handler").asText());
            assertEquals(binding.upstream(), proxy.at("/upstreams/0/dial").asText());
            assertEquals("7s", proxy.at("/load_balancing/try_duration").asText());
            assertEquals("100ms", proxy.at("/load_balancing/try_interval").asText());
        }
    }

    @Test
    void routesKeepTheTablesMostSpecificFirstOrder() {
        JsonNode routes = server(CaddyConfig.render(HOSTS_AND_PATHS, SETTINGS)).path("routes");
        assertEquals("/api/*", routes.at("/1/match/0/path/0").asText());
        assertEquals("/*", routes.at("/2/match/0/path/0").asText());
        assertEquals("/docs/*", routes.at("/3/match/0/path/0").asText());
        assertTrue(routes.path(4).path("match").isMissingNode(), "a binding without host or path matches everything");
    }

    @Test
    void tlsOffServesPlainHttp() {
        JsonNode config = CaddyConfig.render(HOSTS_AND_PATHS, SETTINGS);
        assertTrue(server(config).at("/automatic_https/disable").asBoolean());
        assertTrue(config.at("/apps/tls").isMissingNode());
    }

    @Test
    void tlsInternalUsesCaddysOwnIssuerWithoutTouchingTheHostTrustStore() {
        JsonNode config = CaddyConfig.render(WILDCARDS, SETTINGS);
        assertTrue(server(config).path("automatic_https").isMissingNode());
        assertEquals("internal", config.at("/apps/tls/automation/policies/0/issuers/0/module").asText());
        assertFalse(config.at("/apps/pki/certificate_authorities/local/install_trust").asBoolean(true));
    }

    @Test
    void tlsAutoLeavesCaddysAutomaticHttpsAlone() {
        JsonNode config = CaddyConfig.render(NO_BINDINGS, SETTINGS);
        assertTrue(server(config).path("automatic_https").isMissingNode());
        assertTrue(config.at("/apps/tls").isMissingNode());
    }

    @Test
    void unknownTlsModeSaysWhatIsAllowed() {
        RouteTable table = new RouteTable(List.of(":80"), "sometimes", List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CaddyConfig.render(table, SETTINGS));
        assertEquals("proxy.tls is 'sometimes': use auto, internal or off", e.getMessage());
    }

    @Test
    void emptyOrForeignConfigIsNotOurs() {
        assertEquals(Optional.empty(), CaddyConfig.parse((String) null));
        assertEquals(Optional.empty(), CaddyConfig.parse(""));
        assertEquals(Optional.empty(), CaddyConfig.parse("null\n"));
        assertEquals(Optional.empty(), CaddyConfig.parse("{\"admin\":{\"listen\":\"127.0.0.1:2019\"}}"));
        assertEquals(Optional.empty(), CaddyConfig.parse(
                "{\"apps\":{\"http\":{\"servers\":{\"srv0\":{\"listen\":[\":80\"],\"routes\":[]}}}}}"));
        assertThrows(IllegalArgumentException.class, () -> CaddyConfig.parse("<html>"));
    }

    @Test
    void handEditedRouteIsLeftOutSoTheNextApplyReplacesIt() {
        ObjectNode config = CaddyConfig.render(HOSTS_AND_PATHS, SETTINGS);
        ((ObjectNode) server(config).path("routes").path(2)).put("@id", "someone-else");
        RouteTable read = CaddyConfig.parse(config).orElseThrow();
        assertEquals(HOSTS_AND_PATHS.bindings().size() - 1, read.bindings().size());
        assertFalse(read.equals(HOSTS_AND_PATHS));
    }

    @Test
    void routeIdsCarryServiceAndSlot() {
        assertEquals("driftless-route-3:green:web", CaddyConfig.RouteId.format(3, Slot.GREEN, "web"));
        assertEquals(Optional.of(new CaddyConfig.RouteId(3, Slot.GREEN, "a:b")), CaddyConfig.RouteId.parse("driftless-route-3:green:a:b"));
        assertEquals(Optional.empty(), CaddyConfig.RouteId.parse("driftless-route-3:purple:web"));
        assertEquals(Optional.empty(), CaddyConfig.RouteId.parse("driftless-route-x:blue:web"));
        assertEquals(Optional.empty(), CaddyConfig.RouteId.parse("driftless-route-1:blue:"));
        assertEquals(Optional.empty(), CaddyConfig.RouteId.parse("driftless-drain"));
    }

    @Test
    void durationsAreWrittenAsGoReadsThem() {
        JsonNode config = CaddyConfig.render(HOSTS_AND_PATHS, SETTINGS.withShutdownDelay(Duration.ZERO)
                .withGracePeriod(Duration.ofMinutes(1).plusSeconds(30)).withTry(Duration.ofSeconds(2), Duration.ofMillis(250)));
        assertEquals("0s", config.at("/apps/http/shutdown_delay").asText());
        assertEquals("1m30s", config.at("/apps/http/grace_period").asText());
        JsonNode lb = server(config).findValue("load_balancing");
        assertEquals("2s", lb.at("/try_duration").asText());
        assertEquals("250ms", lb.at("/try_interval").asText());
    }

    @Test
    void settingsRejectAnAdminAddressCaddyCannotHave() {
        assertThrows(IllegalArgumentException.class, () -> CaddySettings.defaults(URI.create("https://127.0.0.1:2019")));
        assertThrows(IllegalArgumentException.class, () -> CaddySettings.defaults(URI.create("http://127.0.0.1")));
        assertEquals("[::1]:2019", CaddySettings.defaults(URI.create("http://[::1]:2019")).adminListen());
    }

    @Test
    void settingsRejectATimeOutOfRangeInTheManifestsSpelling() {
        CaddySettings defaults = CaddySettings.defaults(URI.create("http://127.0.0.1:2019"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> defaults.withTry(Duration.ofSeconds(5), Duration.ZERO));
        assertEquals("Caddy setting tryInterval must be more than zero, got 0s", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> defaults.withGracePeriod(Duration.ofMillis(-500)));
        assertEquals("Caddy setting gracePeriod must be zero or more, got -500ms", e.getMessage());
    }

    private static JsonNode server(JsonNode config) {
        return config.at("/apps/http/servers/" + CaddyConfig.SERVER_NAME);
    }
}
