package io.driftless.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * A unix socket that forwards every byte to the Docker daemon's and counts the HTTP requests sent through it, by
 * method and path template ({@code GET /containers/{id}/json}): point {@code DOCKER_HOST} at {@link #host()}. A request
 * is recognised by its request line ending a line of what the client sends: on a kept-alive connection it may follow
 * the previous request's body (JSON, which ends without a newline and holds no raw newline itself) on the same line.
 */
final class DockerCallCounter implements AutoCloseable {
    private static final Pattern REQUEST = Pattern.compile("(?m)(GET|POST|PUT|DELETE|HEAD) (/\\S*) HTTP/1\\.[01]\r?$");
    private final Path socket;
    private final Path daemon;
    private final ServerSocketChannel server;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Thread acceptor;

    DockerCallCounter(Path socket, Path daemon) throws IOException {
        this.socket = socket;
        this.daemon = daemon;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = Thread.ofPlatform().daemon().name("docker-call-counter").start(this::accept);
    }

    String host() {
        return "unix://" + socket;
    }

    /** Requests so far by template; a copy. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code after - before}, per template, leaving out the zeroes. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    /** The requests in complete lines of what a client sent, as templates. */
    static List<String> requestsIn(String lines) {
        List<String> requests = new ArrayList<>();
        Matcher m = REQUEST.matcher(lines);
        while (m.find()) {
            requests.add(template(m.group(1), m.group(2)));
        }
        return requests;
    }

    /** {@code /v1.41/containers/3f2a…/json?size=false} → {@code /containers/{id}/json}. */
    static String template(String method, String path) {
        String p = path.replaceFirst("\\?.*$", "").replaceFirst("^/v\\d+\\.\\d+", "");
        p = p.replaceAll("^/(containers|images|networks|exec|volumes)/(?!json$|create$|prune$)[^/]+", "/$1/{id}");
        return method + " " + p;
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(daemon));
                Thread.ofVirtual().start(() -> pump(Channels.newInputStream(client), Channels.newOutputStream(upstream), true, client, upstream));
                Thread.ofVirtual().start(() -> pump(Channels.newInputStream(upstream), Channels.newOutputStream(client), false, client, upstream));
            } catch (IOException daemonAway) {
                // dockerd restarting (another session's test may restart it): this client sees a closed connection, as
                // it would without the counter; the next one is forwarded again
                try {
                    client.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean count, SocketChannel a, SocketChannel b) {
        byte[] buffer = new byte[64 * 1024];
        String carry = "";
        try (in; out) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (count) {
                    // ISO-8859-1 keeps one char per byte; a request line split across reads is caught with the carry.
                    String text = carry + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    int lastLine = text.lastIndexOf('\n');
                    String complete = lastLine < 0 ? "" : text.substring(0, lastLine + 1);
                    carry = lastLine < 0 ? tail(text) : tail(text.substring(lastLine + 1));
                    for (String request : requestsIn(complete)) {
                        counts.computeIfAbsent(request, k -> new LongAdder()).increment();
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                a.close();
                b.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static String tail(String s) {
        return s.length() > 4096 ? "" : s;
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        Files.deleteIfExists(socket);
    }
}
