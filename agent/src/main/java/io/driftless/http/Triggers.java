package io.driftless.http;

import com.sun.net.httpserver.HttpExchange;
import io.driftless.rollout.Reconciler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two POST endpoints that make the agent act: {@code /hooks/git} (a signed push notification: fetch now) and
 * {@code /reconcile} (a bearer token: run a pass now). Both only wake the poll loop; neither carries desired state.
 * Both start the same way: configured (else 403), rate limit (else 429). Then the webhook reads the body its
 * signature covers (413 above the limit) and checks the signature (401); /reconcile checks its token first (401),
 * then its query (400) and body size (413). A request that fails a check triggers nothing.
 */
final class Triggers {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    /** Bodies above this are refused (413); a push notification is a few KiB. */
    static final int MAX_BODY = 1 << 20;
    /** The longest {@code ?wait=true} holds a request open; the pass goes on after it. */
    static final Duration WAIT_LIMIT = Duration.ofMinutes(10);
    /** Waiting requests hold a server thread each; keep threads free for /healthz and /status. */
    static final int MAX_WAITING = 2;

    private final String branch;
    private final Endpoint webhook;
    private final Endpoint reconcile;
    private final RateLimiter limiter;
    private final PassTrigger trigger;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    Triggers(String branch, Optional<Secret> webhookSecret, Optional<Secret> reconcileToken, RateLimiter limiter, PassTrigger trigger) {
        this.branch = branch;
        this.webhook = new Endpoint("webhook", webhookSecret, "no secret is configured, so webhooks are off",
                "webhooks are off: the agent has no webhook secret (--webhook-secret-file or DRIFTLESS_WEBHOOK_SECRET)\n");
        this.reconcile = new Endpoint("POST /reconcile", reconcileToken, "no reconcile token is configured",
                "POST /reconcile is off: the agent has no token (--reconcile-token-file or DRIFTLESS_RECONCILE_TOKEN)\n");
        this.limiter = limiter;
        this.trigger = trigger;
    }

    Response webhook(HttpExchange ex, String client) throws IOException, InterruptedException {
        Optional<Response> closed = closed(webhook, client);
        if (closed.isPresent()) {
            return closed.get();
        }
        byte[] body;
        try {
            body = BoundedBody.read(ex.getRequestBody(), ex.getRequestHeaders().getFirst("Content-Length"), MAX_BODY);
        } catch (BoundedBody.TooLarge e) {
            return Response.text(413, e.getMessage() + "\n");
        }
        Optional<String> problem = WebhookSignature.problem(webhook.secret().get(), body,
                ex.getRequestHeaders().getFirst(WebhookSignature.GITHUB_HEADER), ex.getRequestHeaders().getFirst(WebhookSignature.GENERIC_HEADER));
        if (problem.isPresent()) {
            return rejected(webhook, client, problem.get(), Map.of());
        }
        String event = ex.getRequestHeaders().getFirst("X-GitHub-Event");
        if ("ping".equals(event)) {
            return Response.text(200, "pong: the signature is valid\n");
        }
        if (event != null && !event.equals("push")) {
            return Response.text(202, "ignored: GitHub event '" + event + "' is not a push\n");
        }
        String followed = "refs/heads/" + branch;
        Optional<String> ref = PushEvent.ref(body);
        if (ref.isPresent() && !ref.get().equals(followed)) {
            log.debug("commit -: webhook for {} ignored: the agent follows {}", ref.get(), followed);
            return Response.text(202, "ignored: a push to " + ref.get() + "; this agent follows " + followed + "\n");
        }
        trigger.requestPass(false);
        log.info("commit -: webhook from {}: fetching {} now", client, branch);
        return Response.text(202, "queued: the agent fetches " + branch + " now\n");
    }

    Response reconcile(HttpExchange ex, String client) throws IOException, InterruptedException {
        Optional<Response> closed = closed(reconcile, client);
        if (closed.isPresent()) {
            return closed.get();
        }
        Optional<String> problem = BearerToken.problem(reconcile.secret().get(), ex.getRequestHeaders().getFirst("Authorization"));
        if (problem.isPresent()) {
            return rejected(reconcile, client, problem.get(), Map.of("WWW-Authenticate", "Bearer realm=\"driftless\""));
        }
        Map<String, String> query;
        try {
            query = Query.parse(ex.getRequestURI().getRawQuery(), "retry", "wait");
        } catch (IllegalArgumentException e) {
            return Response.text(400, e.getMessage() + "\n");
        }
        try {
            BoundedBody.read(ex.getRequestBody(), ex.getRequestHeaders().getFirst("Content-Length"), MAX_BODY);
        } catch (BoundedBody.TooLarge e) {
            return Response.text(413, e.getMessage() + "\n");
        }
        boolean retry = query.get("retry").equals("true");
        boolean waitForIt = query.get("wait").equals("true");
        if (waitForIt && !waiting.tryAcquire()) {
            return Response.tooManyRequests(Duration.ofSeconds(5));
        }
        try {
            log.info("commit -: POST /reconcile from {}: a pass{} is queued", client, retry ? " (retry)" : "");
            CompletableFuture<Reconciler.PassResult> pass = trigger.requestPass(retry);
            if (!waitForIt) {
                return Response.json(202, result("QUEUED", null, "a pass is queued; GET /status shows how it ended", null));
            }
            return finished(pass);
        } finally {
            if (waitForIt) {
                waiting.release();
            }
        }
    }

    /**
     * One trigger endpoint: its name in log lines, its secret, and why it is off while it has none.
     *
     * @param off       the reason in the log line
     * @param offAnswer the body of the 403
     */
    private record Endpoint(String name, Optional<Secret> secret, String off, String offAnswer) {
    }

    /** The answer when {@code endpoint} must not look at the request at all: it is off, or the client must wait. */
    private Optional<Response> closed(Endpoint endpoint, String client) {
        if (endpoint.secret().isEmpty()) {
            log.warn("commit -: {} from {} refused (403): {}", endpoint.name(), client, endpoint.off());
            return Optional.of(Response.text(403, endpoint.offAnswer()));
        }
        return limiter.acquire(client).map(Response::tooManyRequests);
    }

    private static Response rejected(Endpoint endpoint, String client, String problem, Map<String, String> headers) {
        log.warn("commit -: {} from {} rejected (401): {}", endpoint.name(), client, problem);
        return Response.text(401, "rejected: " + problem + "\n", headers);
    }

    private static Response finished(CompletableFuture<Reconciler.PassResult> pass) throws InterruptedException {
        try {
            Reconciler.PassResult r = pass.get(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return Response.json(200, result(r.kind().name(), r.revision(), r.message(), r.exitCode()));
        } catch (TimeoutException e) {
            return Response.json(202, result("RUNNING", null, "the pass is still running after " + WAIT_LIMIT.toMinutes()
                    + " minutes; GET /status shows how it ends", null));
        } catch (ExecutionException e) {
            // The loop completes futures with results, never exceptionally: a bug, but answer rather than hang.
            return Response.json(500, result("ERROR", null, String.valueOf(e.getCause()), 2));
        }
    }

    private static Map<String, Object> result(String result, String revision, String message, Integer exitCode) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", result);
        out.put("revision", revision);
        out.put("message", message);
        if (exitCode != null) {
            out.put("exitCode", exitCode);
        }
        return out;
    }
}
