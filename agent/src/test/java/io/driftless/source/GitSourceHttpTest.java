package io.driftless.source;

import static io.driftless.testing.Utf8.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.source.SourceException.Reason;
import io.driftless.testing.GitHttpServer;
import io.driftless.testing.GitRemoteFixture;
import io.driftless.testing.Integration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching over real smart HTTP, served by git http-backend, with token authentication. */
@Integration
class GitSourceHttpTest extends GitRemoteFixture {
    private static final String TOKEN = "tok_9f8e7d6c5b4a";

    private GitHttpServer http;

    @BeforeEach
    void setUp() throws Exception {
        http = GitHttpServer.start(remote.bareDir().getParent(), TOKEN);
    }

    @AfterEach
    void tearDown() {
        http.close();
    }

    private GitSource source(String url, Credentials credentials) {
        return new GitSource(new SourceConfig(url, "main", ".", cache, credentials, Duration.ofSeconds(5)));
    }

    private Credentials tokenFile(String token) throws Exception {
        return Credentials.HttpsToken.fromFile("driftless", Files.writeString(tmp.resolve("git-token"), token + "\n"));
    }

    @Test
    void cloneAndFetchWithTheRightTokenFromAFile() throws Exception {
        String first = remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        try (GitSource source = source(http.urlOf(remote.bareDir()), tokenFile(TOKEN))) {
            assertEquals(first, source.fetch());
            String second = remote.commit("web 2", Map.of("driftless.yaml", "b\n"));
            assertEquals(second, source.fetch());
            assertEquals(Optional.of("a\n"), text(source.readFile(first, "driftless.yaml")));
            assertEquals(Optional.of("b\n"), text(source.readFile(second, "driftless.yaml")));
        }
        assertTrue(http.requestCount() > 0);
    }

    @Test
    void wrongTokenIsAnAuthenticationFailureThatDoesNotLeakTheToken() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        String wrong = "wrong_token_31337";
        try (GitSource source = source(http.urlOf(remote.bareDir()), tokenFile(wrong))) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.AUTHENTICATION_FAILED, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("authentication"), e.getMessage());
            assertTrue(e.getMessage().contains(http.urlOf(remote.bareDir())), e.getMessage());
            assertFalse(fullTrace(e).contains(wrong), "token leaked: " + fullTrace(e));
            assertFalse(fullTrace(e).contains(TOKEN));
        }
        assertTrue(http.rejectedCount() > 0, "the server did refuse the request");
    }

    @Test
    void noTokenAgainstAServerThatWantsOneIsAnAuthenticationFailure() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        try (GitSource source = source(http.urlOf(remote.bareDir()), new Credentials.None())) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.AUTHENTICATION_FAILED, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("authentication"), e.getMessage());
            assertFalse(e.reason().isTransient());
        }
        assertFalse(Files.exists(cache), "no half-made clone is left behind");
    }

    @Test
    void credentialsInTheUrlNeverReachTheMessage() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        String url = http.urlOf(remote.bareDir()).replace("http://", "http://bot:urlsecret77@");
        try (GitSource source = source(url, new Credentials.None())) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.AUTHENTICATION_FAILED, e.reason(), e.getMessage());
            assertFalse(fullTrace(e).contains("urlsecret77"), fullTrace(e));
            assertTrue(e.getMessage().contains(http.urlOf(remote.bareDir())), e.getMessage());
        }
    }

    @Test
    void serverDownIsUnreachableAndTransient() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        String url = http.urlOf(remote.bareDir());
        http.close();
        try (GitSource source = source(url, tokenFile(TOKEN))) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.UNREACHABLE, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("cannot reach " + url), e.getMessage());
            assertTrue(e.reason().isTransient());
        }
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // test over
                }
            });
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/remote.git";
            SourceConfig config = new SourceConfig(url, "main", ".", cache, null, Duration.ofSeconds(1));
            long start = System.nanoTime();
            try (GitSource source = new GitSource(config)) {
                SourceException e = assertThrows(SourceException.class, source::fetch);
                assertEquals(Reason.UNREACHABLE, e.reason(), e.getMessage());
                assertTrue(e.getMessage().contains("timed out after 1s"), e.getMessage());
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15, "the timeout was applied");
            silent.close();
            acceptor.join(2000);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static String fullTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
