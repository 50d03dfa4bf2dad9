package io.driftless.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.StatusJson;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** The agent's own HTTP endpoint: {@code GET /healthz} (liveness) and {@code GET /status} (status JSON). */
public final class StatusServer implements AutoCloseable {
    private final HttpServer server;

    private StatusServer(HttpServer server) {
        this.server = server;
    }

    /** @param listen {@code host:port}; loopback by default, because /status tells what runs */
    public static StatusServer start(String listen, Ledger ledger) throws IOException {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen '" + listen + "' must look like 127.0.0.1:7878");
        }
        String host = listen.substring(0, colon).replaceAll("^\\[|]$", "");
        int port = Integer.parseInt(listen.substring(colon + 1));
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/healthz", ex -> answer(ex, 200, "text/plain", "ok\n"));
        server.createContext("/status", ex -> answer(ex, 200, "application/json", StatusJson.render(ledger.status()) + "\n"));
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "status-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new StatusServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) || !ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
                byte[] none = "not found\n".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(404, none.length);
                ex.getResponseBody().write(none);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
