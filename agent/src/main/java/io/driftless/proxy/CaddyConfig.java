package io.driftless.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.desired.Durations;
import io.driftless.desired.Manifest.Tls;
import io.driftless.live.RouteTable;
import io.driftless.live.RouteTable.Binding;
import io.driftless.live.Slot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Caddy's JSON for a {@link RouteTable}, both ways. Pure: no I/O. Caddy rejects unknown fields, so what the
 * agent needs to read a route back (service and slot) rides in the route's {@code @id}, which Caddy strips
 * before decoding and keeps in {@code GET /config/}.
 */
public final class CaddyConfig {
    /** The key of the agent's server under {@code apps.http.servers}. */
    public static final String SERVER_NAME = "driftless";
    /** Marks the config as rendered by this agent; {@code current()} ignores configs without it. */
    public static final String SERVER_ID = "driftless-server";
    static final String DRAIN_ROUTE_ID = "driftless-drain";
    static final String ROUTE_ID_PREFIX = "driftless-route-";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CaddyConfig() {
    }

    /** The whole config Caddy should run: admin block, the agent's server, TLS as the table says. */
    public static ObjectNode render(RouteTable table, CaddySettings settings) {
        Tls tls = Tls.of(table.tls());
        ObjectNode root = JSON.objectNode();
        // Without the admin block a /load moves the admin API to localhost:2019 and the agent loses Caddy.
        root.putObject("admin").put("listen", settings.adminListen());
        ObjectNode apps = root.putObject("apps");
        ObjectNode http = apps.putObject("http");
        http.put("shutdown_delay", Durations.format(settings.shutdownDelay()));
        http.put("grace_period", Durations.format(settings.gracePeriod()));
        ObjectNode server = http.putObject("servers").putObject(SERVER_NAME);
        server.put("@id", SERVER_ID);
        ArrayNode listen = server.putArray("listen");
        table.listen().forEach(listen::add);
        if (tls == Tls.OFF) {
            server.putObject("automatic_https").put("disable", true);
        }
        ArrayNode routes = server.putArray("routes");
        routes.add(drainRoute());
        int n = 0;
        for (Binding binding : table.bindings()) {
            routes.add(route(n++, binding, settings));
        }
        if (tls == Tls.INTERNAL) {
            apps.putObject("tls").putObject("automation").putArray("policies").addObject()
                    .putArray("issuers").addObject().put("module", "internal");
            // The agent runs as root on a server: planting Caddy's root CA in the host's trust store is a
            // side effect nobody asked for.
            apps.putObject("pki").putObject("certificate_authorities").putObject("local").put("install_trust", false);
        }
        return root;
    }

    /** {@link #render} as compact JSON text, the body of {@code POST /load}. */
    public static String renderJson(RouteTable table, CaddySettings settings) {
        try {
            return MAPPER.writeValueAsString(render(table, settings));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serialises", e);
        }
    }

    /**
     * The table a config rendered by {@link #render} stands for; empty when the config is null or holds no
     * server of this agent. A route of the agent's server that no longer reads as one of ours (edited by hand)
     * is left out, so the table differs from the desired one and the next apply puts it right.
     */
    public static Optional<RouteTable> parse(JsonNode config) {
        if (config == null || !config.isObject()) {
            return Optional.empty();
        }
        JsonNode server = null;
        for (JsonNode candidate : config.path("apps").path("http").path("servers")) {
            if (SERVER_ID.equals(candidate.path("@id").asText(null))) {
                server = candidate;
            }
        }
        if (server == null) {
            return Optional.empty();
        }
        List<String> listen = new ArrayList<>();
        server.path("listen").forEach(l -> listen.add(l.asText()));
        List<Binding> bindings = new ArrayList<>();
        for (JsonNode route : server.path("routes")) {
            readBinding(route).ifPresent(bindings::add);
        }
        return Optional.of(new RouteTable(listen, tlsOf(config, server).key(), bindings));
    }

    /** Parses a config from JSON text; {@code null} and empty text are an empty config. */
    public static Optional<RouteTable> parse(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return parse(MAPPER.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    // First in the routes, not terminal: while a replaced server drains, every answer tells the client to
    // reconnect, which lands on the new server. Without it each reload costs about one keep-alive request.
    private static ObjectNode drainRoute() {
        ObjectNode route = JSON.objectNode();
        route.put("@id", DRAIN_ROUTE_ID);
        route.putArray("match").addObject().putObject("vars").putArray("{http.shutting_down}").add("true");
        ObjectNode headers = route.putArray("handle").addObject();
        headers.put("handler", "headers");
        ObjectNode response = headers.putObject("response");
        response.putObject("set").putArray("Connection").add("close");
        response.put("deferred", true);
        return route;
    }

    private static ObjectNode route(int n, Binding binding, CaddySettings settings) {
        ObjectNode route = JSON.objectNode();
        route.put("@id", RouteId.format(n, binding.slot(), binding.service()));
        if (binding.host() != null || binding.path() != null) {
            ObjectNode match = route.putArray("match").addObject();
            if (binding.host() != null) {
                match.putArray("host").add(binding.host());
            }
            if (binding.path() != null) {
                match.putArray("path").add(binding.path());
            }
        }
        ObjectNode proxy = route.putArray("handle").addObject();
        proxy.put("handler", "reverse_proxy");
        proxy.putArray("upstreams").addObject().put("dial", binding.upstream());
        // A dial failure (container restarting, port not yet open) waits and retries instead of a 502.
        ObjectNode lb = proxy.putObject("load_balancing");
        lb.put("try_duration", Durations.format(settings.tryDuration()));
        lb.put("try_interval", Durations.format(settings.tryInterval()));
        route.put("terminal", true);
        return route;
    }

    private static Optional<Binding> readBinding(JsonNode route) {
        Optional<RouteId> id = RouteId.parse(route.path("@id").asText(""));
        JsonNode dial = route.path("handle").path(0).path("upstreams").path(0).path("dial");
        if (id.isEmpty() || !dial.isTextual()) {
            return Optional.empty();
        }
        JsonNode match = route.path("match").path(0);
        return Optional.of(new Binding(id.get().service(), id.get().slot(), dial.asText(),
                firstText(match.path("host")), firstText(match.path("path"))));
    }

    private static String firstText(JsonNode array) {
        JsonNode first = array.path(0);
        return first.isTextual() ? first.asText() : null;
    }

    private static Tls tlsOf(JsonNode config, JsonNode server) {
        if (server.path("automatic_https").path("disable").asBoolean(false)) {
            return Tls.OFF;
        }
        for (JsonNode policy : config.path("apps").path("tls").path("automation").path("policies")) {
            for (JsonNode issuer : policy.path("issuers")) {
                if ("internal".equals(issuer.path("module").asText())) {
                    return Tls.INTERNAL;
                }
            }
        }
        return Tls.AUTO;
    }

    /**
     * A route's {@code @id}: {@code driftless-route-<n>:<slot>:<service>}. The index keeps ids unique (Caddy
     * refuses duplicates); the service comes last so any character in its name survives.
     */
    record RouteId(int index, Slot slot, String service) {
        static String format(int index, Slot slot, String service) {
            return ROUTE_ID_PREFIX + index + ":" + slot.label() + ":" + service;
        }

        static Optional<RouteId> parse(String id) {
            if (!id.startsWith(ROUTE_ID_PREFIX)) {
                return Optional.empty();
            }
            String[] parts = id.substring(ROUTE_ID_PREFIX.length()).split(":", 3);
            if (parts.length != 3 || parts[2].isEmpty() || !parts[0].matches("\\d{1,9}")) {
                return Optional.empty();
            }
            Slot slot = Slot.fromLabel(parts[1]);
            return slot == null ? Optional.empty() : Optional.of(new RouteId(Integer.parseInt(parts[0]), slot, parts[2]));
        }
    }
}
