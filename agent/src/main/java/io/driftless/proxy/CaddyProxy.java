package io.driftless.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.desired.Durations;
import io.driftless.io.FreshHttpClient;
import io.driftless.live.RouteTable;
import io.driftless.rollout.ProxyException;
import io.driftless.rollout.RouteProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/**
 * Routes traffic through Caddy's admin API: {@code POST /load} replaces the whole config in one request,
 * {@code GET /config/} reads it back. The JSON itself is {@link CaddyConfig}'s business.
 */
public final class CaddyProxy implements RouteProxy {
    private static final Logger LOG = LoggerFactory.getLogger(CaddyProxy.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 2000;

    private final CaddySettings settings;

    public CaddyProxy(CaddySettings settings) {
        this.settings = settings;
    }

    /** The JSON that {@link #apply} would load, for tests and {@code driftless plan}-style debugging. */
    public String render(RouteTable table) {
        return CaddyConfig.renderJson(table, settings);
    }

    @Override
    public Optional<RouteTable> current() throws ProxyException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint("/config/"))
                .timeout(settings.requestTimeout())
                .GET().build(), "GET /config/");
        if (response.statusCode() != 200) {
            throw new ProxyException("Caddy's admin API at " + settings.admin() + " answered GET /config/ with HTTP "
                    + response.statusCode() + ": " + caddyError(response.body()), null, response.statusCode() >= 500);
        }
        try {
            return CaddyConfig.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new ProxyException("Caddy's admin API at " + settings.admin() + " sent a config that is "
                    + e.getMessage() + ": is that address really Caddy's admin API?", e);
        }
    }

    @Override
    public void apply(RouteTable table) throws ProxyException {
        String json;
        try {
            json = render(table);
        } catch (IllegalArgumentException e) {
            throw new ProxyException("cannot render the Caddy config: " + e.getMessage(), e);
        }
        // Caddy answers a load only after the replaced server has drained (shutdown delay, then grace).
        Duration timeout = settings.requestTimeout().plus(settings.drainTime());
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint("/load"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), "POST /load");
        if (response.statusCode() / 100 != 2) {
            // 4xx: Caddy read the config and said no; the same config will be refused again. 5xx: Caddy's trouble.
            throw new ProxyException("Caddy refused the config (HTTP " + response.statusCode() + "), the previous one"
                    + " keeps serving: " + caddyError(response.body()), null, response.statusCode() >= 500);
        }
        LOG.debug("Caddy now routes {} binding(s) on {} (tls {})", table.bindings().size(), table.listen(), table.tls());
    }

    private URI endpoint(String path) {
        return settings.admin().resolve(path);
    }

    /**
     * One request on a fresh client: Caddy restarts its admin server on every load, so a pooled keep-alive
     * connection would be stale on the next call, and a silent retry of a load is not ours to allow.
     */
    private HttpResponse<String> send(HttpRequest request, String what) throws ProxyException {
        try {
            return FreshHttpClient.send(request, settings.connectTimeout(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            throw new ProxyException("cannot reach Caddy's admin API at " + settings.admin() + ": is caddy running?"
                    + " (" + describe(e) + "); start it or fix the Caddy admin address (--caddy-admin)", e, true);
        } catch (HttpTimeoutException e) {
            throw new ProxyException("Caddy's admin API at " + settings.admin() + " did not answer " + what + " within "
                    + request.timeout().map(Durations::format).orElse("?") + "; whether it took effect is unknown:"
                    + " the next pass reads the config back (see caddy's log)", e, true, true);
        } catch (IOException e) {
            throw new ProxyException("cannot reach Caddy's admin API at " + settings.admin() + ": is caddy running?"
                    + " The connection broke during " + what + " (" + describe(e) + "); see caddy's log", e, true, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyException("interrupted while waiting for Caddy's admin API (" + what + ")", e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Caddy's {@code {"error": "..."}} text in one line, or the raw body when it is not that. */
    static String caddyError(String body) {
        String message = body == null ? "" : body;
        try {
            JsonNode json = MAPPER.readTree(message);
            if (json != null && json.path("error").isTextual()) {
                message = json.path("error").asText();
            }
        } catch (IOException notJson) {
            // keep the raw body
        }
        message = message.replaceAll("\\s+", " ").strip();
        if (message.isEmpty()) {
            return "(no message)";
        }
        return message.length() > MAX_ERROR_CHARS ? message.substring(0, MAX_ERROR_CHARS) + "..." : message;
    }
}
