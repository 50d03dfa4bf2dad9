package io.driftless.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the bare repositories under a directory over Git's smart HTTP protocol, by running the real
 * {@code git http-backend} as a CGI behind the JDK's HTTP server on 127.0.0.1 and a free port. With a token,
 * every request must carry HTTP Basic credentials whose password is that token (any user name), as Git hosts
 * check personal access tokens. Fails loudly when git is not installed.
 *
 * <pre>{@code
 * try (GitHttpServer http = GitHttpServer.start(remote.bareDir().getParent(), "s3cret")) {
 *     String url = http.urlOf(remote.bareDir());   // http://127.0.0.1:PORT/remote.git
 * }
 * }</pre>
 */
public final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final Path projectRoot;
    private final String token;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    /** While positive, every request is answered with this status and nothing else (a Git host's outage). */
    private volatile int outageStatus;

    private GitHttpServer(HttpServer server, ExecutorService executor, Path projectRoot, String token) {
        this.server = server;
        this.executor = executor;
        this.projectRoot = projectRoot;
        this.token = token;
    }

    /** Serves every repository under {@code projectRoot} without authentication. */
    public static GitHttpServer start(Path projectRoot) throws IOException {
        return start(projectRoot, null);
    }

    /** Serves every repository under {@code projectRoot}; requests need Basic auth with {@code token} unless null. */
    public static GitHttpServer start(Path projectRoot, String token) throws IOException {
        Components.require("git http-backend");
        requireGitHttpBackend();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "git-http-backend");
            t.setDaemon(true);
            return t;
        });
        GitHttpServer git = new GitHttpServer(server, executor, projectRoot.toAbsolutePath().normalize(), token);
        server.createContext("/", git::handle);
        server.setExecutor(executor);
        server.start();
        return git;
    }

    /** {@code http://127.0.0.1:PORT/<path of bareRepo under the project root>}. */
    public String urlOf(Path bareRepo) {
        Path relative = projectRoot.relativize(bareRepo.toAbsolutePath().normalize());
        return "http://127.0.0.1:" + port() + "/" + relative.toString().replace('\\', '/');
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests answered so far, including rejected ones. */
    public int requestCount() {
        return requests.get();
    }

    /** From now on every request gets {@code status} (e.g. 503) without touching the repository; 0 ends it. */
    public void outage(int status) {
        outageStatus = status;
    }

    /** Requests refused with 401. */
    public int rejectedCount() {
        return rejected.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            int outage = outageStatus;
            if (outage > 0) {
                exchange.sendResponseHeaders(outage, -1);
                return;
            }
            String user = authenticatedUser(exchange.getRequestHeaders().getFirst("Authorization"));
            if (token != null && user == null) {
                rejected.incrementAndGet();
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"driftless-test\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            runBackend(exchange, user);
        }
    }

    private String authenticatedUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return token == null || token.equals(decoded.substring(colon + 1)) ? user : null;
    }

    private void runBackend(HttpExchange exchange, String user) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        String query = exchange.getRequestURI().getRawQuery();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
        env.put("CONTENT_TYPE", contentType == null ? "" : contentType);
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        if (protocol != null) {
            env.put("HTTP_GIT_PROTOCOL", protocol);
        }
        if (user != null) {
            env.put("REMOTE_USER", user);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        // Feed stdin on its own thread: the backend may start answering before it has read the whole request.
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(body);
            } catch (IOException ignored) {
                // the backend closed its input early; its answer says why
            }
        });
        try (InputStream stdout = process.getInputStream()) {
            int status = 200;
            String line;
            while ((line = readHeaderLine(stdout)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ", 2)[0]);
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                stdout.transferTo(out);
            }
        } finally {
            try {
                feeder.join();
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    private static void requireGitHttpBackend() {
        try {
            Process probe = new ProcessBuilder("git", "http-backend").redirectErrorStream(true).start();
            probe.getOutputStream().close();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            probe.waitFor(10, TimeUnit.SECONDS);
            if (!output.contains("Status:")) {
                throw new IllegalStateException("git http-backend is not available (" + output.strip()
                        + "); install git (apt-get install -y git)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("git is not installed, so git http-backend cannot serve the test"
                    + " repository; install it (apt-get install -y git)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One CGI header line without its CR LF or LF; null at end of stream. */
    private static String readHeaderLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
