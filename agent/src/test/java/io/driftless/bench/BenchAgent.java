package io.driftless.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.http.Secret;
import io.driftless.http.WebhookSignature;
import io.driftless.testing.AgentProcess;
import io.driftless.testing.AppImages;
import io.driftless.testing.CaddyProcess;
import io.driftless.testing.E2eHost;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real agent for a benchmark: an {@link E2eHost} (its own Caddy, Docker network and containers, a Git remote on
 * disk) and {@code driftless run} as its own process with {@code --log-format json}, a webhook secret and an HTTP
 * port, so a benchmark can push, send the signed {@code /hooks/git} as a forge does, read the agent's own event
 * times from its log and ask {@code driftless status --json} from outside, as a user does.
 */
final class BenchAgent implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "bench-webhook-secret";

    final E2eHost host;
    final int httpPort;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StatusCommand status;
    private AgentProcess agent;

    /** One event line of the agent's JSON log. */
    record Event(Instant at, String event, String commit, String service, String message) {
    }

    /** A commit on the followed branch and when {@code git push} had made it the tip. */
    record Push(String revision, Instant at) {
    }

    BenchAgent(Path dir, String name, String... tags) {
        this.dir = dir;
        AppImages.ensure(tags);
        this.host = new E2eHost(dir, name);
        this.httpPort = CaddyProcess.freePort();
        this.status = StatusCommand.find(host.stateDir);
    }

    /** A routed web service with a 200 ms health interval, two successes to pass and {@code deadline}. */
    static String web(String tag, String deadline) {
        return """
                  web:
                    image: %s
                    port: 8080
                    health: {path: %s, interval: 200ms, timeout: 1s, successes: 2, deadline: %s}
                    rollout: {drain: 1s, monitor: 1s}
                    routes: [{path: "/*"}]
                """.formatted(AppImages.ref(tag), E2eHost.HEALTH, deadline);
    }

    Push push(String message, String service) {
        String revision = host.commit(message, host.manifest(service));
        return new Push(revision, Instant.now());
    }

    /** Starts {@code driftless run} and waits until it has applied {@code first}. */
    void start(String first, String... flags) {
        start(first, List.of(), flags);
    }

    /** As {@link #start(String, String...)}, without the test host's {@code dropped} flags (their defaults apply). */
    void start(String first, List<String> dropped, String... flags) {
        Path secret;
        try {
            secret = Files.writeString(dir.resolve("webhook.secret"), SECRET + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> all = new ArrayList<>(List.of("--listen", "127.0.0.1:" + httpPort, "--webhook-secret-file",
                secret.toString(), "--log-format", "json"));
        all.addAll(List.of(flags));
        agent = AgentProcess.run(host, dropped, all.toArray(String[]::new));
        agent.await("the first commit applied", Duration.ofMinutes(2), () -> first.equals(host.statusField("lastAppliedRevision")));
    }

    /** The signed push webhook of {@code revision}, as a forge sends it; the answer's status. */
    int hook(String revision) {
        String body = "{\"ref\":\"refs/heads/" + host.repo.branch() + "\",\"after\":\"" + revision + "\"}";
        String signature = WebhookSignature.sign(Secret.of(SECRET), body.getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/hooks/git"))
                    .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofString(body))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code driftless status --json} from outside, back to back, until {@code shown} holds; the end of the
     * first run that showed it, or empty after {@code timeout}.
     */
    Optional<Instant> awaitStatus(Predicate<JsonNode> shown, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            Optional<JsonNode> json = status.run();
            if (json.isPresent() && shown.test(json.get())) {
                return Optional.of(Instant.now());
            }
            last = json.orElse(last);
            if (!agent.alive()) {
                throw new IllegalStateException("the agent exited:\n" + agent.log());
            }
        }
        System.err.println("status --json did not show it within " + timeout.toSeconds() + " s; last failed run: "
                + status.lastFailure()[0] + "; last answer: " + last);
        return Optional.empty();
    }

    static boolean applied(JsonNode status, String revision) {
        return revision.equals(status.path("lastAppliedRevision").asText(null));
    }

    static boolean failed(JsonNode status, String revision) {
        for (JsonNode f : status.path("failedRevisions")) {
            if (revision.equals(f.path("revision").asText())) {
                return true;
            }
        }
        return false;
    }

    String statusCommand() {
        return status.describe();
    }

    /** Mean wall time of one {@code status --json} run so far. */
    Duration statusWall() {
        return status.mean();
    }

    /** Every event line of the agent's JSON log, in order. */
    List<Event> events() {
        List<Event> out = new ArrayList<>();
        for (String line : agent.log().split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                out.add(new Event(Instant.parse(n.path("time").asText()), n.path("event").asText(null),
                        n.path("commit").asText(null), n.path("service").asText(null), n.path("message").asText("")));
            } catch (IOException | RuntimeException notJson) {
                // a library's line that is not ours
            }
        }
        return out;
    }

    /** The first event of {@code type} about {@code revision} at or after {@code from}. */
    static Optional<Event> first(List<Event> events, String type, String revision, Instant from) {
        return events.stream().filter(e -> type.equals(e.event()) && (revision == null || revision.equals(e.commit()))
                && !e.at().isBefore(from.minusMillis(1))).findFirst();
    }

    /** {@code driftless history --json}: the ledger's rollouts with their steps, newest first. */
    JsonNode history(int last) {
        E2eHost.Cli cli = host.driftless("history", "--state-dir", host.stateDir.toString(), "--json", "-n", Integer.toString(last));
        try {
            return JSON.readTree(cli.out());
        } catch (IOException e) {
            throw new IllegalStateException("history --json printed no JSON: " + cli.out() + cli.err(), e);
        }
    }

    String log() {
        return agent == null ? "" : agent.log();
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.terminate(Duration.ofSeconds(60));
        }
        http.close();
        host.close();
    }

    /**
     * {@code driftless status --json} as its own process: the shipped launcher {@code dist/driftless/bin/driftless}
     * when {@code scripts/package.sh} has built it, else {@code java -cp} on this JVM's class path.
     */
    record StatusCommand(List<String> command, long[] runs, String[] lastFailure) {
        static StatusCommand find(Path stateDir) {
            Path launcher = AppImages.projectRoot().resolve("dist/driftless/bin/driftless");
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(launcher)) {
                command.add(launcher.toString());
            } else {
                command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), "io.driftless.Main"));
            }
            command.addAll(List.of("status", "--json", "--state-dir", stateDir.toString()));
            return new StatusCommand(command, new long[2], new String[1]);
        }

        String describe() {
            return command.getFirst().endsWith("bin/driftless") ? "dist/driftless/bin/driftless (the shipped launcher)"
                    : "java -cp <classes> io.driftless.Main (no dist/: scripts/package.sh not run)";
        }

        /** Runs it; empty when it failed ({@link #lastFailure} says how) or printed no JSON. */
        Optional<JsonNode> run() {
            long started = System.nanoTime();
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    lastFailure[0] = "exit " + (p.isAlive() ? "none (killed after 30 s)" : p.exitValue()) + ": "
                            + new String(out, StandardCharsets.UTF_8).strip();
                    return Optional.empty();
                }
                return Optional.of(JSON.readTree(out));
            } catch (IOException e) {
                lastFailure[0] = e.toString();
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                runs[0]++;
                runs[1] += System.nanoTime() - started;
            }
        }

        Duration mean() {
            return runs[0] == 0 ? Duration.ZERO : Duration.ofNanos(runs[1] / runs[0]);
        }
    }
}
