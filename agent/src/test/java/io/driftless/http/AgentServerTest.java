package io.driftless.http;

import io.driftless.rollout.Reconciler.PassResult;
import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server on 127.0.0.1:0, a real HTTP client, and a trigger that counts: every rejection is shown to
 * trigger nothing.
 */
class AgentServerTest {
    static final Secret SECRET = Secret.of("webhook-secret");
    static final Secret TOKEN = Secret.of("reconcile-token");
    static final String PUSH_MAIN = "{\"ref\":\"refs/heads/main\",\"after\":\"0123\"}";

    final FakeClock clock = new FakeClock();
    final List<Boolean> triggered = new ArrayList<>();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Optional<String> stuck = Optional.empty();
    PassResult nextResult = new PassResult(PassResult.Kind.CONVERGED, "a".repeat(40), "converged");
    AgentServer server;

    AgentServer start(Optional<Secret> secret, Optional<Secret> token) throws IOException {
        server = AgentServer.start("127.0.0.1:0", new AgentServer.Wiring("main", secret, token, RateLimiter.defaults(clock),
                () -> "{\"lastAppliedRevision\": null}", () -> "driftless_up 1\n", () -> stuck, retry -> {
                    synchronized (triggered) {
                        triggered.add(retry);
                    }
                    return CompletableFuture.completedFuture(nextResult);
                }));
        return server;
    }

    AgentServer start() throws IOException {
        return start(Optional.of(SECRET), Optional.of(TOKEN));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        client.close();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    HttpRequest.Builder hook(String body) {
        return at("/hooks/git").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    String sign(String body) {
        return WebhookSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void healthzIsOkWhileTheLoopIsHealthyAnd503WhenStuck() throws Exception {
        start();

        HttpResponse<String> ok = send(at("/healthz"));
        stuck = Optional.of("a pass has been running for 1900s");
        HttpResponse<String> wedged = send(at("/healthz"));

        assertEquals(200, ok.statusCode());
        assertEquals("ok\n", ok.body());
        assertEquals("nosniff", ok.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(503, wedged.statusCode());
        assertEquals("stuck: a pass has been running for 1900s\n", wedged.body());
    }

    @Test
    void statusServesTheStatusJson() throws Exception {
        start();

        HttpResponse<String> status = send(at("/status"));

        assertEquals(200, status.statusCode());
        assertEquals("application/json", status.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"lastAppliedRevision\": null}\n", status.body());
    }

    @Test
    void metricsServesThePrometheusTextOnlyToGet() throws Exception {
        start();

        HttpResponse<String> metrics = send(at("/metrics"));
        HttpResponse<String> post = send(at("/metrics").POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, metrics.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("Content-Type").orElse(""));
        assertEquals("driftless_up 1\n", metrics.body());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void rootServesTheStatusPageAsHtmlThatMayLoadNothingFromElsewhere() throws Exception {
        start();

        HttpResponse<String> page = send(at("/"));

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
                page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertTrue(page.body().contains("/status"), page.body());
    }

    @Test
    void unknownPathsAre404AndWrongMethods405WithAllow() throws Exception {
        start();

        assertEquals(404, send(at("/x")).statusCode());
        assertEquals(405, send(at("/").POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(404, send(at("/statusx")).statusCode());
        assertEquals(404, send(at("/hooks/git/x").POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        HttpResponse<String> postStatus = send(at("/status").POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> getHook = send(at("/hooks/git"));
        HttpResponse<String> getReconcile = send(at("/reconcile"));

        assertEquals(405, postStatus.statusCode());
        assertEquals("GET", postStatus.headers().firstValue("Allow").orElse(""));
        assertEquals(405, getHook.statusCode());
        assertEquals("POST", getHook.headers().firstValue("Allow").orElse(""));
        assertEquals(405, getReconcile.statusCode());
        assertEquals(List.of(), triggered);
    }

    @Test
    void aSignedPushTriggersOneFetchInEitherHeaderStyle() throws Exception {
        start();

        HttpResponse<String> github = send(hook(PUSH_MAIN).header("X-Hub-Signature-256", sign(PUSH_MAIN)).header("X-GitHub-Event", "push"));
        HttpResponse<String> generic = send(hook("anything").header("X-Signature", sign("anything")));

        assertEquals(202, github.statusCode(), github.body());
        assertEquals(202, generic.statusCode(), generic.body());
        assertEquals(List.of(false, false), triggered);
    }

    @Test
    void unsignedWronglySignedOrMalformedWebhooksAre401AndTriggerNothing() throws Exception {
        start();
        String wrongSecret = WebhookSignature.sign(Secret.of("guess"), PUSH_MAIN.getBytes(StandardCharsets.UTF_8));

        List<HttpResponse<String>> answers = List.of(
                send(hook(PUSH_MAIN)),
                send(hook(PUSH_MAIN).header("X-Hub-Signature-256", wrongSecret)),
                send(hook(PUSH_MAIN + " ").header("X-Hub-Signature-256", sign(PUSH_MAIN))),
                send(hook(PUSH_MAIN).header("X-Signature", "sha256=zz")),
                send(hook(PUSH_MAIN).header("X-Hub-Signature-256", sign(PUSH_MAIN)).header("X-Signature", wrongSecret)));

        for (HttpResponse<String> r : answers) {
            assertEquals(401, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("rejected: "), r.body());
            assertTrue(r.headers().firstValue("WWW-Authenticate").isEmpty(), "a signature is no bearer scheme");
            assertTrue(!r.body().contains("webhook-secret"), "never echoes the secret");
        }
        assertEquals(List.of(), triggered);
    }

    @Test
    void withoutASecretWebhooksAreOff() throws Exception {
        start(Optional.empty(), Optional.of(TOKEN));

        HttpResponse<String> r = send(hook(PUSH_MAIN).header("X-Hub-Signature-256", sign(PUSH_MAIN)));

        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("--webhook-secret-file"), r.body());
        assertEquals(List.of(), triggered);
    }

    @Test
    void pushesToOtherRefsAndPingsAreAnsweredWithoutAFetch() throws Exception {
        start();
        String other = "{\"ref\":\"refs/heads/feature\"}";
        String tag = "{\"ref\":\"refs/tags/v1\"}";

        HttpResponse<String> feature = send(hook(other).header("X-Hub-Signature-256", sign(other)));
        HttpResponse<String> tagPush = send(hook(tag).header("X-Hub-Signature-256", sign(tag)));
        HttpResponse<String> ping = send(hook("{}").header("X-Hub-Signature-256", sign("{}")).header("X-GitHub-Event", "ping"));
        HttpResponse<String> issue = send(hook("{}").header("X-Hub-Signature-256", sign("{}")).header("X-GitHub-Event", "issues"));

        assertEquals(202, feature.statusCode());
        assertTrue(feature.body().contains("follows refs/heads/main"), feature.body());
        assertEquals(202, tagPush.statusCode());
        assertEquals(200, ping.statusCode());
        assertEquals(202, issue.statusCode());
        assertEquals(List.of(), triggered);
    }

    @Test
    void aDeclaredBodyOverOneMebibyteIs413BeforeItIsRead() throws Exception {
        start();

        // A raw socket: the client declares 2 MiB and sends none of it; the server must answer without waiting for it.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hooks/git HTTP/1.1\r\nHost: x\r\nContent-Length: " + (2 << 20) + "\r\n"
                    + "X-Hub-Signature-256: " + sign("") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(readSome(socket.getInputStream()), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        }
        HttpResponse<String> chunkedBig = send(at("/hooks/git").header("X-Signature", sign(""))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    long left = (1 << 20) + 10;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'x' : -1;
                    }
                })));
        assertEquals(413, chunkedBig.statusCode());
        assertEquals(List.of(), triggered);
    }

    @Test
    void tooManyRequestsAre429WithRetryAfterAndTriggerNothingMore() throws Exception {
        start();
        List<Integer> codes = new ArrayList<>();

        for (int i = 0; i < 12; i++) {
            codes.add(send(hook(PUSH_MAIN).header("X-Hub-Signature-256", sign(PUSH_MAIN))).statusCode());
        }
        HttpResponse<String> limited = send(at("/reconcile").header("Authorization", "Bearer reconcile-token")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(List.of(202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 429, 429), codes, "a burst of 10 per address");
        assertEquals(10, triggered.size());
        assertEquals(429, limited.statusCode(), "the same budget covers /reconcile");
        assertEquals("6", limited.headers().firstValue("Retry-After").orElse(""));
        clock.advance(Duration.ofSeconds(6));
        assertEquals(202, send(hook(PUSH_MAIN).header("X-Hub-Signature-256", sign(PUSH_MAIN))).statusCode(), "refilled");
    }

    @Test
    void reconcileNeedsTheBearerToken() throws Exception {
        start();

        List<HttpResponse<String>> rejected = List.of(
                send(at("/reconcile").POST(HttpRequest.BodyPublishers.noBody())),
                send(at("/reconcile").header("Authorization", "Bearer reconcile-tokeN").POST(HttpRequest.BodyPublishers.noBody())),
                send(at("/reconcile").header("Authorization", "Basic cmVjb25jaWxlLXRva2Vu").POST(HttpRequest.BodyPublishers.noBody())));

        for (HttpResponse<String> r : rejected) {
            assertEquals(401, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("rejected: "), r.body());
            assertEquals("Bearer realm=\"driftless\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        assertEquals(List.of(), triggered);
    }

    @Test
    void reconcileQueuesAPassOrWaitsForItsResult() throws Exception {
        start();
        nextResult = new PassResult(PassResult.Kind.FAILED, "b".repeat(40), "service web: health gate failed");

        HttpResponse<String> queued = send(at("/reconcile").header("Authorization", "Bearer reconcile-token")
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> waited = send(at("/reconcile?retry=true&wait=true").header("Authorization", "Bearer reconcile-token")
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> bad = send(at("/reconcile?force=true").header("Authorization", "Bearer reconcile-token")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(202, queued.statusCode());
        assertTrue(queued.body().contains("\"result\":\"QUEUED\""), queued.body());
        assertEquals(200, waited.statusCode());
        assertEquals("{\"result\":\"FAILED\",\"revision\":\"" + "b".repeat(40) + "\",\"message\":\"service web: health gate failed\",\"exitCode\":1}\n",
                waited.body());
        assertEquals(400, bad.statusCode());
        assertEquals(List.of(false, true), triggered, "one pass each, the second with --retry");
    }

    @Test
    void withoutATokenReconcileIsOff() throws Exception {
        start(Optional.of(SECRET), Optional.empty());

        HttpResponse<String> r = send(at("/reconcile").header("Authorization", "Bearer reconcile-token").POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(403, r.statusCode());
        assertEquals("POST /reconcile is off: the agent has no token (--reconcile-token-file or DRIFTLESS_RECONCILE_TOKEN)\n",
                r.body());
        assertEquals(List.of(), triggered);
    }

    private static byte[] readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        return n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
    }
}
