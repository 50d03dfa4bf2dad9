package io.driftless.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreshHttpClientTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void everyRequestComesOnANewConnectionAndRedirectsAreNotFollowed() throws Exception {
        Set<Integer> clientPorts = new HashSet<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            synchronized (clientPorts) {
                clientPorts.add(ex.getRemoteAddress().getPort());
            }
            ex.getResponseHeaders().add("Location", "/elsewhere");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = FreshHttpClient.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                        TIMEOUT, HttpResponse.BodyHandlers.ofString());
                assertEquals(302, response.statusCode());
            }
            assertEquals(3, clientPorts.size(), "no keep-alive connection was reused: " + clientPorts);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerThatNeverAnswersCostsTheTimeoutAndNoMore() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");
            long start = System.nanoTime();
            assertThrows(HttpTimeoutException.class, () -> FreshHttpClient.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(), TIMEOUT, HttpResponse.BodyHandlers.ofString()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3_000, "the client was let go of at once, not waited for: took " + millis + " ms");
        }
    }
}
