package io.driftless.proxy;

import io.driftless.testing.LoadGenerator;
import io.driftless.testing.LoadReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator is the witness for "zero failed requests", so it gets tested against servers that
 * misbehave on purpose: it must see every failure and must not invent any.
 */
class LoadGeneratorTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\napp v1";

    private final List<RawServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(RawServer::close);
    }

    @Test
    void wellBehavedKeepAliveServerGivesNoFailuresAndReusesConnections() throws Exception {
        RawServer server = serve(false, (out, n) -> out.write(OK.getBytes(StandardCharsets.US_ASCII)));

        LoadReport report = run(server, 2, 2, 100, Duration.ofMillis(1500));

        assertEquals(0, report.failed(), report.summary());
        assertTrue(report.ok() >= 100, report.summary());
        assertTrue(report.reusedRequests() > report.ok() / 3, report.summary());
        assertEquals(List.of("app v1"), report.distinctBodiesInOrder());
    }

    @Test
    void connectionClosedWithoutAnswerIsAFailure() throws Exception {
        RawServer server = serve(true, (out, n) -> { });

        LoadReport report = run(server, 1, 1, 40, Duration.ofMillis(500));

        assertEquals(0, report.ok(), report.summary());
        assertTrue(report.failed() >= 10, report.summary());
        assertEquals("connection closed without response", report.failures().getFirst().cause());
    }

    @Test
    void keepAliveConnectionDroppedOnItsSecondRequestIsAFailure() throws Exception {
        // Answers the first request, then hangs up on the second one: the race a reload causes.
        RawServer server = serve(false, (out, n) -> {
            if (n == 0) {
                out.write(OK.getBytes(StandardCharsets.US_ASCII));
            }
        });

        LoadReport report = run(server, 1, 0, 20, Duration.ofMillis(600));

        assertTrue(report.ok() >= 3 && report.failed() >= 3, report.summary());
        assertTrue(report.failures().stream().allMatch(f -> f.cause().equals("connection closed without response")),
                report.summary());
    }

    @Test
    void truncatedBodyIsAFailure() throws Exception {
        RawServer server = serve(true, (out, n) ->
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 60\r\n\r\napp v1".getBytes(StandardCharsets.US_ASCII)));

        LoadReport report = run(server, 1, 1, 20, Duration.ofMillis(400));

        assertEquals(0, report.ok(), report.summary());
        assertTrue(report.failures().getFirst().cause().startsWith("connection closed mid-body"), report.summary());
    }

    @Test
    void non2xxAnswerIsAFailure() throws Exception {
        RawServer server = serve(false, (out, n) ->
                out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 3\r\n\r\nbad".getBytes(StandardCharsets.US_ASCII)));

        LoadReport report = run(server, 1, 1, 20, Duration.ofMillis(400));

        assertEquals(0, report.ok(), report.summary());
        assertEquals("HTTP 502: bad", report.failures().getFirst().cause());
    }

    @Test
    void serverClosingAnIdleConnectionAfterACompleteAnswerIsNoFailure() throws Exception {
        RawServer server = serve(true, (out, n) -> out.write(OK.getBytes(StandardCharsets.US_ASCII)));

        LoadReport report = run(server, 2, 0, 20, Duration.ofMillis(800));

        assertEquals(0, report.failed(), report.summary());
        assertEquals(report.ok(), report.connections(), "every request needed a new connection: " + report.summary());
    }

    @Test
    void strictClientPaysForAConnectionClosedWhileIdle() throws Exception {
        RawServer server = serve(true, (out, n) -> out.write(OK.getBytes(StandardCharsets.US_ASCII)));
        LoadGenerator load = new LoadGenerator("127.0.0.1", server.port(), "/", 1, 0, 10, Duration.ofSeconds(5))
                .withoutIdleCheck();

        load.start();
        Thread.sleep(700);
        LoadReport report = load.stop();

        assertTrue(report.ok() >= 2 && report.failed() >= 2, report.summary());
    }

    @Test
    void chunkedBodiesAreReadWhole() throws Exception {
        RawServer server = serve(false, (out, n) -> out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\napp \r\n2;ext=1\r\nv2\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));

        LoadReport report = run(server, 1, 1, 40, Duration.ofMillis(500));

        assertEquals(0, report.failed(), report.summary());
        assertEquals(List.of("app v2"), report.distinctBodiesInOrder());
        assertTrue(report.reusedRequests() > 0, report.summary());
    }

    @Test
    void stopsByItselfAtItsHardLimit() throws Exception {
        RawServer server = serve(false, (out, n) -> out.write(OK.getBytes(StandardCharsets.US_ASCII)));
        LoadGenerator load = new LoadGenerator("127.0.0.1", server.port(), "/", 1, 1, 40, Duration.ofMillis(500));

        load.start();
        Thread.sleep(1500);
        LoadReport report = load.stop();

        assertEquals(500, report.elapsed().toMillis(), 50);
        assertTrue(report.total() <= 24, "no requests after the limit: " + report.summary());
    }

    private static LoadReport run(RawServer server, int keepAlive, int fresh, double rate, Duration time)
            throws InterruptedException {
        LoadGenerator load = new LoadGenerator("127.0.0.1", server.port(), "/", keepAlive, fresh, rate, time.plusSeconds(5));
        load.start();
        Thread.sleep(time.toMillis());
        return load.stop();
    }

    private RawServer serve(boolean closeAfterEach, Answer answer) throws IOException {
        RawServer server = new RawServer(closeAfterEach, answer);
        servers.add(server);
        return server;
    }

    /** Writes the answer to the n-th request (0-based) of a connection; writing nothing hangs up. */
    interface Answer {
        void write(OutputStream out, int n) throws IOException;
    }

    /** A deliberately crude HTTP server: reads request heads, writes whatever the test says. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;

        RawServer(boolean closeAfterEach, Answer answer) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        Thread.ofVirtual().start(() -> converse(connection, closeAfterEach, answer));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        private static void converse(Socket connection, boolean closeAfterEach, Answer answer) {
            try (connection) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream raw = connection.getOutputStream();
                for (int n = 0; ; n++) {
                    String line = in.readLine();
                    if (line == null) {
                        return;
                    }
                    boolean clientCloses = false;
                    for (; line != null && !line.isEmpty(); line = in.readLine()) {
                        clientCloses |= line.equalsIgnoreCase("Connection: close");
                    }
                    ByteArrayOutputStream written = new ByteArrayOutputStream();
                    answer.write(written, n);
                    if (written.size() == 0) {
                        return; // hang up with the request outstanding
                    }
                    raw.write(written.toByteArray());
                    raw.flush();
                    if (clientCloses) {
                        return;
                    }
                    if (closeAfterEach) {
                        Thread.sleep(20); // idle for a moment, then close: between requests, not during one
                        return;
                    }
                }
            } catch (IOException | InterruptedException ignored) {
                // the client went away
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // done
            }
        }
    }
}
