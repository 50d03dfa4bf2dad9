package io.driftless.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.Main;
import io.driftless.docker.DockerEngine;
import io.driftless.docker.DockerSettings;
import io.driftless.live.LiveContainer;
import io.driftless.rollout.EngineException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One host for an end-to-end test, all real: a Git repository on disk the test commits to, a Caddy of its
 * own on free loopback ports, the machine's dockerd (containers and network named after a unique instance),
 * and the agent driven through its command line, in-process.
 */
public final class E2eHost implements AutoCloseable {
    public static final String HEALTH = "/cgi-bin/healthz";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String instance = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    public final Path dir;
    public final Path stateDir;
    public final GitRemote repo;
    public final CaddyProcess caddy;
    public final int port;
    public final DockerEngine docker;
    /** Where the agent fetches from: the bare repository on disk unless a test serves it another way (HTTP). */
    public String repoUrl;

    public E2eHost(Path dir, String testName) {
        this.dir = dir;
        this.stateDir = dir.resolve("state");
        AppImages.ensure("v1", "v2", "v3-unhealthy", "v4-crash", "v5-worker", "v6-worker");
        this.repo = GitRemote.create(dir.resolve("remote"));
        this.caddy = CaddyProcess.start(testName);
        this.port = CaddyProcess.freePort();
        this.docker = DockerEngine.connect(DockerSettings.forInstance(instance, System.getenv()));
    }

    /** A routed web service of the demo app image {@code tag}, with quick health timings for tests. */
    public static String web(String name, String tag, String path) {
        return """
                  %s:
                    image: %s
                    port: 8080
                    health: {path: %s, interval: 200ms, timeout: 1s, successes: 2, deadline: 6s}
                    rollout: {drain: 1s, monitor: 1s}
                    routes: [{path: "%s"}]
                """.formatted(name, AppImages.ref(tag), HEALTH, path);
    }

    public static String worker(String name, String tag) {
        return """
                  %s:
                    image: %s
                    rollout: {strategy: recreate}
                """.formatted(name, AppImages.ref(tag));
    }

    /** A whole driftless.yaml listening on this host's Caddy port. */
    public String manifest(String... services) {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                proxy:
                  listen: ["127.0.0.1:%d"]
                  tls: off
                """.formatted(port));
        yaml.append(services.length == 0 ? "services: {}\n" : "services:\n");
        for (String s : services) {
            yaml.append(s);
        }
        return yaml.toString();
    }

    public String commit(String message, String manifest) {
        return repo.commit(message, Map.of("driftless.yaml", manifest));
    }

    public List<String> agentFlags() {
        return List.of("--repo", repoUrl == null ? repo.url() : repoUrl, "--branch", repo.branch(), "--state-dir", stateDir.toString(),
                "--caddy-admin", caddy.adminUri().toString(), "--instance", instance, "--listen", "off",
                "--interval", "1s", "--jitter", "0s");
    }

    /** What a command printed and how it exited. */
    public record Cli(int exit, String out, String err) {
    }

    public Cli driftless(String command, String... extra) {
        List<String> args = new ArrayList<>();
        args.add(command);
        if (!List.of("status", "validate", "history", "suspend", "resume").contains(command)) {
            args.addAll(agentFlags());
        }
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args.toArray(String[]::new), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exit, out.toString(), err.toString());
    }

    public Cli reconcile(String... extra) {
        return driftless("reconcile", extra);
    }

    public JsonNode status() {
        Cli cli = driftless("status", "--state-dir", stateDir.toString(), "--json");
        if (cli.exit() != 0) {
            throw new AssertionError("status --json exited " + cli.exit() + ": " + cli.err());
        }
        try {
            return JSON.readTree(cli.out());
        } catch (IOException e) {
            throw new AssertionError("status --json printed no JSON: " + cli.out(), e);
        }
    }

    /** One top-level text field of {@code status --json}; null while it is null or the ledger cannot answer yet. */
    public String statusField(String name) {
        try {
            JsonNode value = status().get(name);
            return value == null || value.isNull() ? null : value.asText();
        } catch (AssertionError notYet) {
            return null;
        }
    }

    /** GET through Caddy; the body, or "HTTP <status>" for an error, or "unreachable: ...". */
    public String get(String path) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().strip() : "HTTP " + r.statusCode();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** At least 60 requests/s through Caddy, on keep-alive and on fresh connections, for at most 5 minutes. */
    public LoadGenerator load() {
        return new LoadGenerator("127.0.0.1", port, "/", 2, 2, 80, Duration.ofMinutes(5));
    }

    public List<LiveContainer> containers() {
        try {
            return docker.list();
        } catch (EngineException e) {
            throw new AssertionError(e);
        }
    }

    /** service → "slot image state" for assertions that read like the host. */
    public Map<String, List<String>> services() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (LiveContainer c : containers()) {
            out.computeIfAbsent(c.service(), k -> new ArrayList<>())
                    .add(c.slot().label() + " " + c.image().replace(AppImages.REPO + ":", "") + (c.running() ? "" : " stopped"));
        }
        return out;
    }

    public Optional<LiveContainer> container(String service) {
        return containers().stream().filter(c -> c.service().equals(service)).findFirst();
    }

    public static String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) {
                throw new AssertionError("docker " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            for (LiveContainer c : docker.list()) {
                docker.stopAndRemove(c.id(), Duration.ofSeconds(1));
            }
        } catch (EngineException e) {
            // best effort: the next run's unique instance name avoids clashes anyway
        }
        try {
            docker("network", "rm", instance);
        } catch (AssertionError ignored) {
            // already gone, or never created
        }
        docker.close();
        caddy.close();
        repo.close();
    }
}
