package io.driftless.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.http.Secret;
import io.driftless.http.WebhookSignature;
import io.driftless.testing.AgentProcess;
import io.driftless.testing.CaddyProcess;
import io.driftless.testing.E2eHost;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.function.BooleanSupplier;

/**
 * One way of moving an app from one image to another under load, for {@link SwapsBenchmark}: it deploys the first
 * image, names the loopback port the load goes to, and swaps on demand. Every implementation names what it
 * creates uniquely and removes it on {@link #close()} (idempotent; the benchmark also calls it from a shutdown hook).
 */
sealed interface SwapContender extends AutoCloseable {
    /** How long a swap may take before the benchmark gives up on it. */
    Duration SWAP_TIMEOUT = Duration.ofSeconds(90);

    /** Short, for file names: {@code agent}, {@code recreate}, ... */
    String slug();

    /** What the table calls it. */
    String title();

    /** What it does, for the benchmark's description. */
    String how();

    /** Deploys {@code image} and returns the port the load hits, once that port serves {@code body}. */
    int deploy(String image, String body) throws Exception;

    /** Swaps to {@code image}; returns when the port serves {@code body} and the tool says it is done, or gave up. */
    Swap swap(String image, String body) throws Exception;

    @Override
    void close();

    /**
     * One swap: when the command (or push) went out, when the load's port first answered the new version, when the
     * tool said it was done (the agent: {@code lastAppliedRevision}; Swarm: the update completed); {@code served}
     * and {@code done} are null when that never happened, and {@code note} says why.
     */
    record Swap(Instant began, Instant served, Instant done, String note) {
        Optional<Duration> toServed() {
            return served == null ? Optional.empty() : Optional.of(Duration.between(began, served));
        }

        Optional<Duration> toDone() {
            return done == null ? Optional.empty() : Optional.of(Duration.between(began, done));
        }
    }

    /**
     * The first moment {@code port} answers 200 with {@code body}, asking every 100 ms on a fresh connection (the way
     * a user who just deployed checks), or null after {@code timeout}.
     */
    static Instant awaitServed(int port, String body, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (body.equals(get(port))) {
                return Instant.now();
            }
            sleep(100);
        }
        return null;
    }

    /** GET / on a fresh connection: the body of a 200 answer, stripped, or null. */
    static String get(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(12_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int split = answer.indexOf("\r\n\r\n");
            return answer.startsWith("HTTP/1.1 200") && split > 0 ? answer.substring(split + 4).strip() : null;
        } catch (IOException notYet) {
            return null;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs {@code docker ARGS}; its output, or an exception with its output. */
    static String docker(String... args) {
        return E2eHost.docker(args);
    }

    /** As {@link #docker}, but a failure is ignored (clean-up of what may be gone already). */
    static void dockerQuietly(String... args) {
        try {
            docker(args);
        } catch (AssertionError gone) {
            // already removed, or never created
        }
    }

    static boolean await(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(200);
        }
        return false;
    }

    /**
     * The agent: {@code driftless run} as its own process (polling once an hour, so each swap is caused by a signed
     * webhook), a Git repository on disk, a Caddy of its own and the machine's dockerd. A swap is a commit that
     * changes the image; it is done when the load's port serves the new version and {@code GET /status} says
     * {@code lastAppliedRevision} is that commit.
     */
    final class Agent implements SwapContender {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final String SECRET = "bench-swaps-webhook-secret";
        private final String health;
        private final Path dir;
        private E2eHost host;
        private AgentProcess agent;
        private int listen;
        private HttpClient http;

        /** @param health the service's {@code health:} block, e.g. {@code {path: /cgi-bin/healthz, deadline: 30s}} */
        Agent(String health) throws IOException {
            this.health = health;
            this.dir = Files.createTempDirectory("bench-swaps-agent-");
        }

        @Override
        public String slug() {
            return "agent";
        }

        @Override
        public String title() {
            return "the agent (webhook)";
        }

        @Override
        public String how() {
            return "`driftless run --interval 1h` with a signed `POST /hooks/git` after each push: blue/green, the"
                    + " candidate gated on `health: " + health + "`, one Caddy load to switch, `rollout: {drain: 3s,"
                    + " monitor: 1s}`; done = `GET /status` shows the commit as `lastAppliedRevision`";
        }

        @Override
        public int deploy(String image, String body) throws Exception {
            host = new E2eHost(dir, "bench-swaps");
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Path secret = Files.writeString(dir.resolve("webhook.secret"), SECRET + "\n");
            listen = CaddyProcess.freePort();
            String first = host.commit("web " + image, manifest(image));
            agent = AgentProcess.run(host, "--interval", "1h", "--listen", "127.0.0.1:" + listen,
                    "--webhook-secret-file", secret.toString());
            agent.await("the first commit applied", SWAP_TIMEOUT, () -> first.equals(applied()));
            if (awaitServed(host.port, body, Duration.ofSeconds(30)) == null) {
                throw new IllegalStateException("the agent applied " + first + " but 127.0.0.1:" + host.port
                        + " does not serve '" + body + "'; agent log " + dir.resolve("agent.log"));
            }
            return host.port;
        }

        @Override
        public Swap swap(String image, String body) throws Exception {
            String commit = host.commit("web " + image, manifest(image));
            String push = "{\"ref\":\"refs/heads/" + host.repo.branch() + "\",\"after\":\"" + commit + "\"}";
            String signature = WebhookSignature.sign(Secret.of(SECRET), push.getBytes(StandardCharsets.UTF_8));
            Instant began = Instant.now();
            HttpResponse<String> hook = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listen + "/hooks/git"))
                    .header(WebhookSignature.GITHUB_HEADER, signature).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(push)).build(), HttpResponse.BodyHandlers.ofString());
            if (hook.statusCode() != 202) {
                return new Swap(began, null, null, "webhook answered " + hook.statusCode() + ": " + hook.body());
            }
            Instant served = awaitServed(host.port, body, SWAP_TIMEOUT);
            String[] outcome = new String[1];
            await(SWAP_TIMEOUT, () -> (outcome[0] = outcome(commit)) != null);
            boolean applied = "applied".equals(outcome[0]);
            Instant done = applied ? Instant.now() : null;
            return new Swap(began, served, done, applied ? "" : (outcome[0] == null ? "not applied within "
                    + SWAP_TIMEOUT.toSeconds() + " s" : outcome[0]) + "; agent log " + dir.resolve("agent.log"));
        }

        /** "applied", "failed (REASON): MESSAGE" once {@code GET /status} says either for {@code commit}, else null. */
        private String outcome(String commit) {
            JsonNode status = status();
            if (status == null) {
                return null;
            }
            if (commit.equals(status.path("lastAppliedRevision").asText())) {
                return "applied";
            }
            for (JsonNode failed : status.path("failedRevisions")) {
                if (commit.equals(failed.path("revision").asText())) {
                    return "the agent failed the commit (" + failed.path("reason").asText() + "): " + failed.path("message").asText();
                }
            }
            return null;
        }

        private String manifest(String image) {
            return host.manifest("""
                      web:
                        image: %s
                        port: 8080
                        health: %s
                        rollout: {drain: 3s, monitor: 1s}
                        routes: [{path: "/*"}]
                    """.formatted(image, health));
        }

        private String applied() {
            JsonNode status = status();
            JsonNode revision = status == null ? null : status.get("lastAppliedRevision");
            return revision == null || revision.isNull() ? null : revision.asText();
        }

        /** {@code GET /status} (the {@code status --json} document), or null while the agent cannot answer. */
        private JsonNode status() {
            try {
                HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listen + "/status"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return status.statusCode() == 200 ? JSON.readTree(status.body()) : null;
            } catch (IOException notYet) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized void close() {
            if (agent != null) {
                try {
                    agent.terminate(Duration.ofSeconds(30));
                } catch (AssertionError stuck) {
                    System.err.println("swaps: " + stuck.getMessage().lines().findFirst().orElse(""));
                }
                agent = null;
            }
            if (host != null) {
                host.close();
                host = null;
            }
            if (http != null) {
                http.close();
                http = null;
            }
        }
    }

    /**
     * Recreate, what Watchtower, compose and doco-cd do: stop the old container, remove it, run the new one on the
     * same host port ({@code docker stop -t 1}, {@code docker rm}, {@code docker run -d -p 127.0.0.1:PORT:8080}).
     */
    sealed class Recreate implements SwapContender permits HeldByCaddy {
        final String name;
        final int appPort = CaddyProcess.freePort();
        /** Where the load goes and where "served" is seen: the app's port, or Caddy's in front of it. */
        int loadPort = appPort;

        Recreate(String prefix) {
            this.name = prefix + "-" + slug();
        }

        @Override
        public String slug() {
            return "recreate";
        }

        @Override
        public String title() {
            return "recreate";
        }

        @Override
        public String how() {
            return "`docker stop -t 1` (the demo app, busybox httpd as PID 1, ignores SIGTERM: the default 10 s would only"
                    + " lengthen each swap, the old container serving until it is killed), `docker rm`, `docker run -d"
                    + " -p 127.0.0.1:PORT:8080` of the new image; the load hits that port";
        }

        @Override
        public int deploy(String image, String body) throws Exception {
            run(image);
            if (awaitServed(appPort, body, Duration.ofSeconds(60)) == null) {
                throw new IllegalStateException(name + " does not serve '" + body + "' on 127.0.0.1:" + appPort);
            }
            return appPort;
        }

        @Override
        public Swap swap(String image, String body) {
            Instant began = Instant.now();
            docker("stop", "-t", "1", name);
            docker("rm", name);
            run(image);
            Instant served = awaitServed(loadPort, body, SWAP_TIMEOUT);
            return new Swap(began, served, served, served == null ? "not served within " + SWAP_TIMEOUT.toSeconds() + " s" : "");
        }

        private void run(String image) {
            docker("run", "-d", "--name", name, "--label", "io.driftless.bench=swaps", "-p", "127.0.0.1:" + appPort + ":8080", image);
        }

        @Override
        public void close() {
            dockerQuietly("rm", "-f", name);
        }
    }

    /**
     * The same recreate behind a Caddy {@code reverse_proxy} to the fixed host port with {@code lb_try_duration}: a
     * request that cannot reach the upstream is held and tried again every {@code lb_try_interval} for that long.
     */
    final class HeldByCaddy extends Recreate {
        private final Duration tryDuration;
        private CaddyProcess caddy;

        HeldByCaddy(String prefix, Duration tryDuration) {
            super(prefix);
            this.tryDuration = tryDuration;
        }

        @Override
        public String slug() {
            return "caddy-lb-try";
        }

        @Override
        public String title() {
            return "recreate + Caddy lb_try_duration";
        }

        @Override
        public String how() {
            return "the same recreate, the load going through a Caddy 2.6 `reverse_proxy 127.0.0.1:PORT` with"
                    + " `lb_try_duration " + tryDuration.toSeconds() + "s` and `lb_try_interval 250ms` (no health checks)";
        }

        @Override
        public int deploy(String image, String body) throws Exception {
            super.deploy(image, body);
            caddy = CaddyProcess.start("bench-swaps");
            int listen = CaddyProcess.freePort();
            String config = """
                    {"admin": {"listen": "%s"},
                     "apps": {"http": {"servers": {"bench": {
                       "listen": ["127.0.0.1:%d"],
                       "automatic_https": {"disable": true},
                       "routes": [{"handle": [{"handler": "reverse_proxy",
                         "upstreams": [{"dial": "127.0.0.1:%d"}],
                         "load_balancing": {"try_duration": "%ds", "try_interval": "250ms"}}]}]}}}}}
                    """.formatted(caddy.adminUri().getAuthority(), listen, appPort, tryDuration.toSeconds());
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> loaded = http.send(HttpRequest.newBuilder(caddy.adminUri().resolve("/load"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(config)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (loaded.statusCode() != 200) {
                    throw new IllegalStateException("Caddy refused the config (" + loaded.statusCode() + "): " + loaded.body());
                }
            }
            if (awaitServed(listen, body, Duration.ofSeconds(30)) == null) {
                throw new IllegalStateException("Caddy on 127.0.0.1:" + listen + " does not serve '" + body + "'; " + caddy.logTail());
            }
            loadPort = listen;
            return listen;
        }

        @Override
        public void close() {
            super.close();
            if (caddy != null) {
                caddy.close();
                caddy = null;
            }
        }
    }

    /**
     * Docker Swarm on this one node: {@code docker service update --image} with the given update order, the port
     * published in host mode (the ingress mesh needs IPVS, which this kernel lacks) and a healthcheck, so the update
     * waits for the new task's health. Done = the service's {@code UpdateStatus.State} is {@code completed}.
     */
    final class Swarm implements SwapContender {
        private final String name;
        private final String order;
        private final String healthCmd;
        private final Duration giveUp;
        private final int port = CaddyProcess.freePort();
        private boolean created;

        /**
         * @param order  {@code start-first} or {@code stop-first}
         * @param giveUp how long a swap may hang before the benchmark calls it stuck (start-first on one node with a
         *               host-mode port is expected to)
         */
        Swarm(String prefix, String order, Duration giveUp) {
            this.order = order;
            this.name = prefix + "-swarm-" + order;
            this.giveUp = giveUp;
            this.healthCmd = "wget -q -O /dev/null http://127.0.0.1:8080/cgi-bin/healthz";
        }

        @Override
        public String slug() {
            return "swarm-" + order;
        }

        @Override
        public String title() {
            return "Swarm " + order;
        }

        @Override
        public String how() {
            return "`docker service update --image` of a one-replica service created with `--update-order " + order
                    + " --update-parallelism 1 --update-monitor 1s --stop-grace-period 1s --publish"
                    + " mode=host,published=PORT,target=8080` and `--health-cmd '" + healthCmd + "' --health-interval"
                    + " 500ms --health-timeout 5s --health-retries 3 --health-start-period 30s` (each check is a `docker"
                    + " exec`: at 200 ms with a 1 s timeout the loaded machine's checks timed out and Swarm killed the"
                    + " serving task as unhealthy); done = `UpdateStatus.State` completed"
                    + " (Docker 20.10 cannot bind a service's host-mode port to 127.0.0.1 only: it listens on all"
                    + " addresses)";
        }

        @Override
        public int deploy(String image, String body) {
            created = true;
            docker("service", "create", "--detach", "--quiet", "--name", name, "--label", "io.driftless.bench=swaps",
                    "--publish", "mode=host,published=" + port + ",target=8080",
                    "--health-cmd", healthCmd, "--health-interval", "500ms", "--health-timeout", "5s",
                    "--health-retries", "3", "--health-start-period", "30s", "--stop-grace-period", "1s",
                    "--update-order", order, "--update-parallelism", "1", "--update-delay", "0s",
                    "--update-monitor", "1s", "--update-failure-action", "pause", image);
            if (awaitServed(port, body, Duration.ofSeconds(60)) == null) {
                throw new IllegalStateException("Swarm service " + name + " does not serve '" + body + "' on port " + port
                        + ": " + tasks());
            }
            return port;
        }

        @Override
        public Swap swap(String image, String body) {
            Instant began = Instant.now();
            docker("service", "update", "--detach", "--quiet", "--image", image, name);
            Instant served = awaitServed(port, body, giveUp);
            boolean completed = served != null && await(SWAP_TIMEOUT, () -> "completed".equals(updateState()));
            Instant done = completed ? Instant.now() : null;
            if (served == null) {
                return new Swap(began, null, null, "after " + giveUp.toSeconds() + " s the update is '" + updateState()
                        + "' and the old task still serves: " + tasks());
            }
            return new Swap(began, served, done, completed ? "" : "served, but the update is '" + updateState() + "'");
        }

        private String updateState() {
            try {
                return docker("service", "inspect", "--format", "{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}", name);
            } catch (AssertionError e) {
                return "unknown (" + e.getMessage() + ")";
            }
        }

        /** The service's tasks, newest first: state and error, e.g. {@code Pending: no suitable node (...)}. */
        String tasks() {
            try {
                List<String> lines = new ArrayList<>(docker("service", "ps", "--no-trunc", "--format",
                        "{{.Image}} desired {{.DesiredState}}, {{.CurrentState}}{{if .Error}}: {{.Error}}{{end}}", name).lines().toList());
                return String.join("; ", lines.subList(0, Math.min(3, lines.size())))
                        .replace(io.driftless.testing.AppImages.REPO + ":", "");
            } catch (AssertionError e) {
                return "(docker service ps failed: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() {
            if (created) {
                dockerQuietly("service", "rm", name);
                // The tasks' containers go away after the service: wait, so the next run and `swarm leave` find none.
                await(Duration.ofSeconds(30), () -> docker("ps", "-aq", "--filter",
                        "label=com.docker.swarm.service.name=" + name).isBlank());
                created = false;
            }
        }

        /**
         * Makes this node a Swarm manager if it is not one: empty when it already was or could be made one; the
         * flag says whether this call initialised it (then {@link #leave} undoes it); else why Swarm cannot run.
         */
        static Node join() {
            String state;
            try {
                state = docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}");
            } catch (AssertionError e) {
                return new Node(false, "docker info failed: " + e.getMessage());
            }
            if (state.equals("active true")) {
                return new Node(false, null);
            }
            if (!state.startsWith("inactive")) {
                return new Node(false, "this node's Swarm state is '" + state + "' (not a manager, not inactive)");
            }
            boolean hadBridge = !docker("network", "ls", "-q", "--filter", "name=^docker_gwbridge$").isBlank();
            try {
                docker("swarm", "init", "--advertise-addr", "127.0.0.1");
            } catch (AssertionError e) {
                return new Node(false, "docker swarm init failed: " + e.getMessage());
            }
            return new Node(true, null, hadBridge);
        }

        /** Whether {@link #join} initialised Swarm; {@code unavailable} is why it cannot run, or null. */
        record Node(boolean initialised, String unavailable, boolean hadBridge) {
            Node(boolean initialised, String unavailable) {
                this(initialised, unavailable, true);
            }

            /** {@code docker swarm leave --force} if {@link #join} initialised it, and the bridge it made. */
            void leave() {
                if (initialised) {
                    dockerQuietly("swarm", "leave", "--force");
                    if (!hadBridge) {
                        dockerQuietly("network", "rm", "docker_gwbridge");
                    }
                }
            }
        }
    }
}
