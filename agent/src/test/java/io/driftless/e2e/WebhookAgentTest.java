package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.http.Secret;
import io.driftless.http.WebhookSignature;
import io.driftless.testing.AgentProcess;
import io.driftless.testing.CaddyProcess;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: {@code driftless run} as a real process polling only once an hour, so every prompt release here was
 * caused by its HTTP endpoint: a signed webhook or an authorised {@code POST /reconcile}.
 */
@Integration
class WebhookAgentTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    E2eHost host;
    HttpClient http;
    int port;

    @BeforeEach
    void start(TestInfo info) {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        port = CaddyProcess.freePort();
    }

    @AfterEach
    void stop() {
        http.close();
        host.close();
    }

    @Test
    void signedWebhookAndAuthorisedReconcileReleaseAtOnceWhileUnsignedOrUnauthorisedOnesDoNothing() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("webhook.secret"), "e2e-webhook-secret\n");
        Path tokenFile = Files.writeString(dir.resolve("reconcile.token"), "e2e-reconcile-token\n");
        String c1 = host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        try (AgentProcess agent = AgentProcess.run(host, "--interval", "1h", "--listen", "127.0.0.1:" + port,
                "--webhook-secret-file", secretFile.toString(), "--reconcile-token-file", tokenFile.toString())) {
            agent.await("commit 1 applied by the first pass", WAIT, () -> c1.equals(field("lastAppliedRevision")));
            agent.await("/healthz answers", WAIT, () -> statusCode(get("/healthz")) == 200);
            assertEquals("app v1", host.get("/"));
            String firstPassEnded = reconcilingMessage();

            String c2 = host.commit("web v2", host.manifest(web("web", "v2", "/*")));
            String push = "{\"ref\":\"refs/heads/" + host.repo.branch() + "\",\"after\":\"" + c2 + "\"}";
            String forged = WebhookSignature.sign(Secret.of("not-the-secret"), push.getBytes(StandardCharsets.UTF_8));
            assertEquals(401, statusCode(post("/hooks/git", push, "X-Hub-Signature-256", null)), "unsigned");
            assertEquals(401, statusCode(post("/hooks/git", push, "X-Hub-Signature-256", forged)), "forged");
            assertEquals(401, statusCode(post("/reconcile", "", "Authorization", null)), "no token");
            assertEquals(401, statusCode(post("/reconcile", "", "Authorization", "Bearer guess")), "wrong token");
            // Give a wrongly triggered pass time to show (the unit and server tests prove it strictly, with a counter).
            Thread.sleep(3000);
            assertEquals(firstPassEnded, reconcilingMessage(), "no pass ran after the rejected requests");
            assertEquals(c1, field("lastAttemptedRevision"));
            assertEquals("app v1", host.get("/"));
            assertTrue(agent.log().contains("rejected (401)"), agent.log());
            assertTrue(!agent.log().contains("e2e-webhook-secret") && !agent.log().contains("e2e-reconcile-token"), "no secret in the log");

            String signature = WebhookSignature.sign(Secret.of("e2e-webhook-secret"), push.getBytes(StandardCharsets.UTF_8));
            long sent = System.nanoTime();
            assertEquals(202, statusCode(post("/hooks/git", push, "X-Hub-Signature-256", signature)));
            agent.await("commit 2 applied after the signed webhook (the interval is 1h)", WAIT, () -> c2.equals(field("lastAppliedRevision")));
            System.out.printf("signed webhook to commit applied (blue/green swap included): %d ms%n", (System.nanoTime() - sent) / 1_000_000);
            assertEquals("app v2", host.get("/"));

            String c3 = host.commit("web v1 again", host.manifest(web("web", "v1", "/*")));
            HttpResponse<String> reconciled = post("/reconcile?wait=true", "", "Authorization", "Bearer e2e-reconcile-token");
            assertEquals(200, reconciled.statusCode(), reconciled.body());
            JsonNode result = JSON.readTree(reconciled.body());
            assertEquals("CONVERGED", result.get("result").asText(), reconciled.body());
            assertEquals(c3, result.get("revision").asText());
            assertEquals(0, result.get("exitCode").asInt());
            assertEquals(c3, field("lastAppliedRevision"));
            assertEquals("app v1", host.get("/"));

            HttpResponse<String> status = get("/status");
            assertEquals(200, status.statusCode());
            assertEquals(host.status(), JSON.readTree(status.body()), "GET /status is status --json");

            slowClientIsCutOffWhileHealthzStillAnswers();

            assertEquals(0, agent.terminate(Duration.ofSeconds(30)), "SIGTERM stops the agent cleanly");
        }
    }

    /** A client that declares a body and never sends it is disconnected after the read timeout (10s). */
    private void slowClientIsCutOffWhileHealthzStillAnswers() throws Exception {
        long started = System.nanoTime();
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(30_000);
            OutputStream out = slow.getOutputStream();
            out.write("POST /hooks/git HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nX-Signature: sha256=00\r\n\r\nhalf".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(200, statusCode(get("/healthz")), "the slow client does not block other requests");
            InputStream in = slow.getInputStream();
            try {
                byte[] buffer = new byte[1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    assertTrue(n == 0 || !new String(buffer, 0, n, StandardCharsets.US_ASCII).contains(" 202 "), "never accepted");
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the agent kept a half-sent request open for 30s", e);
            } catch (IOException reset) {
                // Closed by the server: what we want.
            }
        }
        System.out.printf("half-sent request cut off after %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private String field(String name) {
        return host.statusField(name);
    }

    private String reconcilingMessage() {
        for (JsonNode c : host.status().get("conditions")) {
            if (c.get("type").asText().equals("Reconciling")) {
                return c.get("message").asText();
            }
        }
        throw new AssertionError("no Reconciling condition");
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
    }

    private HttpResponse<String> post(String path, String body, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (value != null) {
            request.header(header, value);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int statusCode(HttpResponse<String> response) {
        return response == null ? -1 : response.statusCode();
    }
}
