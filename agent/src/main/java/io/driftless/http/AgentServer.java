package io.driftless.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The agent's own HTTP endpoint (JDK server, no dependency): {@code GET /} (the status page), {@code GET /healthz},
 * {@code GET /status}, {@code GET /metrics}, {@code POST /hooks/git}, {@code POST /reconcile}. Loopback by default:
 * /status tells what runs.
 */
public final class AgentServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("driftless.http");
    /** Seconds a client may take to send its request line, headers and body (slow clients hold a thread). */
    static final String READ_TIMEOUT_SECONDS = "10";

    static {
        // The JDK server reads this once, when its first instance is made; the agent makes no other server.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", READ_TIMEOUT_SECONDS);
        }
    }

    /** What the endpoint needs from the agent. */
    public record Wiring(String branch, Optional<Secret> webhookSecret, Optional<Secret> reconcileToken, RateLimiter limiter,
                         Supplier<String> statusJson, Supplier<String> metrics, Supplier<Optional<String>> stuck, PassTrigger trigger,
                         Supplier<String> statusPage) {
        /** Without a status page: {@code GET /} says where the status is. */
        public Wiring(String branch, Optional<Secret> webhookSecret, Optional<Secret> reconcileToken, RateLimiter limiter,
                      Supplier<String> statusJson, Supplier<String> metrics, Supplier<Optional<String>> stuck, PassTrigger trigger) {
            this(branch, webhookSecret, reconcileToken, limiter, statusJson, metrics, stuck, trigger,
                    () -> "<!doctype html><title>Driftless</title><p>No status page here; see <a href=\"/status\">/status</a>.</p>");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private AgentServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** @param listen {@code host:port} ({@code [::1]:7878} for IPv6); port 0 picks a free one */
    public static AgentServer start(String listen, Wiring wiring) throws IOException {
        InetSocketAddress address = parse(listen);
        HttpServer server = HttpServer.create(address, 64);
        Triggers triggers = new Triggers(wiring.branch(), wiring.webhookSecret(), wiring.reconcileToken(), wiring.limiter(), wiring.trigger());
        server.createContext("/", ex -> handle(ex, wiring, triggers));
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "agent-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.start();
        if (!address.getAddress().isLoopbackAddress()) {
            log.warn("commit -: the HTTP endpoint listens on {}, not on loopback: /status tells anyone who can reach it what runs;"
                    + " put it behind a TLS proxy or a firewall", listen);
        }
        return new AgentServer(server, threads);
    }

    /** The address of {@code --listen}; a clear error for a malformed one. */
    public static InetSocketAddress parse(String listen) {
        int colon = listen.lastIndexOf(':');
        String where = "--listen '" + listen + "'";
        if (colon < 0) {
            throw new IllegalArgumentException(where + " must look like 127.0.0.1:7878 (or 'off')");
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|]$", "");
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(where + ": the port must be 0..65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host.isEmpty() ? "127.0.0.1" : host), port);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": unknown host '" + host + "'");
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange ex, Wiring wiring, Triggers triggers) {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String client = ex.getRemoteAddress().getAddress().getHostAddress();
        try (ex) {
            Response response;
            try {
                response = switch (path) {
                    case "/healthz" -> !method.equals("GET") ? notAllowed("GET") : wiring.stuck().get()
                            .map(why -> Response.text(503, "stuck: " + why + "\n"))
                            .orElseGet(() -> Response.text(200, "ok\n"));
                    case "/" -> !method.equals("GET") ? notAllowed("GET") : Response.html(wiring.statusPage().get());
                    case "/status" -> !method.equals("GET") ? notAllowed("GET") : Response.jsonText(wiring.statusJson().get());
                    case "/metrics" -> !method.equals("GET") ? notAllowed("GET")
                            : Response.prometheus(wiring.metrics().get());
                    case "/hooks/git" -> !method.equals("POST") ? notAllowed("POST") : triggers.webhook(ex, client);
                    case "/reconcile" -> !method.equals("POST") ? notAllowed("POST") : triggers.reconcile(ex, client);
                    default -> Response.text(404, "not found; the agent serves GET /, GET /healthz, GET /status, GET /metrics, POST /hooks/git, POST /reconcile\n");
                };
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response = Response.text(503, "the agent is stopping\n");
            } catch (RuntimeException e) {
                log.error("commit -: HTTP {} {} failed", method, path, e);
                response = Response.text(500, "internal error: " + e.getClass().getSimpleName() + "\n");
            }
            send(ex, response);
            log.debug("commit -: HTTP {} {} from {}: {}", method, path, client, response.status());
        } catch (IOException e) {
            // The client went away or was too slow (the read timeout closed the connection): nothing to answer.
            log.debug("commit -: HTTP {} {} from {}: connection lost ({})", method, path, client, e.getMessage());
        }
    }

    private static Response notAllowed(String allowed) {
        return Response.text(405, "method not allowed; use " + allowed + "\n", Map.of("Allow", allowed));
    }

    private static void send(HttpExchange ex, Response r) throws IOException {
        var headers = ex.getResponseHeaders();
        headers.set("Content-Type", r.contentType());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-store");
        r.headers().forEach(headers::set);
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(r.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
