package io.driftless.bench;

import io.driftless.ledger.RolloutOutcome;
import io.driftless.ledger.sql.SqlLedger;
import io.driftless.source.Credentials;
import io.driftless.source.GitSource;
import io.driftless.source.SourceConfig;
import io.driftless.testing.CaddyProcess;
import io.driftless.testing.E2eHost;
import io.driftless.testing.GitRemote;

import java.io.IOException;
import java.io.OutputStream;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How the agent scales with the number of services, commits and rollouts, all real: the agent's own {@code run}
 * process (the compiled classes, {@code java -cp ... io.driftless.Main run}), the machine's dockerd (reached through a
 * counting proxy on a unix socket, so every Docker API call is counted by method and path), a Caddy of its own and a
 * Git repository on disk. Parts: the first apply of N services one at a time ({@code --parallel 1}) and at once
 * ({@code --parallel P}); no-op passes with N, 50 and 10 services (durations from {@code /metrics}
 * {@code driftless_reconcile_duration_seconds}, per pass); one changed service among N; Docker calls per pass; a fetch
 * of a repository with many commits through {@link GitSource}; the ledger after many rollouts ({@code status},
 * {@code status --json}, {@code history}, {@code GET /status}, the file's size). Run by hand:
 * {@code scripts/bench.sh scale [--services 200] [--parallel 4] [--passes 10] [--commits 10000] [--rollouts 10000]}, or
 * {@code --smoke} (3 services, 2 passes, 100 commits, 100 rollouts; records nothing).
 */
public final class ScaleBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");
    private static final List<String[]> rows = new ArrayList<>();

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = 200;
        int parallel = 4;
        int passes = 10;
        int commits = 10_000;
        int rollouts = 10_000;
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--parallel" -> parallel = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--commits" -> commits = Integer.parseInt(args[++i]);
                case "--rollouts" -> rollouts = Integer.parseInt(args[++i]);
                case "--smoke" -> smoke = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: [--smoke] [--services N]"
                        + " [--parallel N] [--passes N] [--commits N] [--rollouts N]");
            }
        }
        if (smoke) {
            services = 3;
            passes = 2;
            commits = 100;
            rollouts = 100;
        }
        System.out.printf(Locale.ROOT, "scale: %d services, --parallel %d, %d no-op passes each, %d commits, %d rollouts; %s%n",
                services, parallel, passes, commits, rollouts, BenchmarkLog.machine());
        Path dir = Files.createTempDirectory("bench-scale-");
        try {
            agentParts(dir.resolve("agent"), services, parallel, passes, smoke);
            fetchPart(dir.resolve("git"), commits);
            // On tmpfs when there is one: filling it is then not bound by fsync (the reads measured are the same).
            Path shm = Path.of("/dev/shm");
            Path ledgerDir = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "bench-scale-ledger-") : dir.resolve("ledger");
            try {
                ledgerPart(ledgerDir, rollouts);
            } finally {
                deleteTree(ledgerDir);
            }
        } finally {
            deleteTree(dir);
        }
        StringBuilder table = new StringBuilder("| part | figure |\n| --- | --- |\n");
        for (String[] row : rows) {
            table.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
        }
        System.out.println();
        System.out.print(table);
        System.out.println("scale: " + load());
        if (!smoke) {
            BenchmarkLog.append("scale", services + " services, --parallel " + parallel, "scripts/bench.sh scale "
                    + String.join(" ", args), "Load average at the end: " + BenchmarkLog.loadAverage() + ".\n\n" + table);
        }
    }

    // --- the agent: first apply, no-op passes, one change, Docker calls ----------------------------------------------

    private static void agentParts(Path dir, int services, int parallel, int passes, boolean smoke) throws Exception {
        Files.createDirectories(dir);
        try (E2eHost host = new E2eHost(dir, "bench-scale");
             DockerCallCounter docker = new DockerCallCounter(dir.resolve("docker.sock"), DOCKER_SOCKET)) {
            String all = host.manifest(services(services, "v1"));
            host.commit(services + " services", all);
            // Before: one candidate at a time. The host is then emptied and the state forgotten, for the same first apply.
            if (!smoke) {
                firstApply(host, docker, dir.resolve("state-sequential"), services, 1);
                emptyHost(host);
            }
            try (Agent agent = firstApply(host, docker, dir.resolve("state"), services, parallel)) {
                noOpPasses(agent, docker, services, passes);
                oneChange(host, agent, docker, services);
                for (int n : new int[] {50, 10}) {
                    if (n < services) {
                        host.commit(n + " services", host.manifest(services(n, "v1")));
                        agent.awaitPass("the host shrinks to " + n + " services", () -> host.containers().size() == n);
                        noOpPasses(agent, docker, n, passes);
                    }
                }
                agent.stop();
            }
        }
    }

    private static Agent firstApply(E2eHost host, DockerCallCounter docker, Path stateDir, int services, int parallel) throws Exception {
        Map<String, Long> before = docker.snapshot();
        long began = System.nanoTime();
        Agent agent = Agent.start(host, docker, stateDir, parallel);
        agent.awaitPass("the first apply of " + services + " services", () -> true);
        if (host.containers().stream().filter(c -> c.running()).count() != services) {
            throw new IllegalStateException("the first apply of " + services + " services did not converge:\n" + Files.readString(agent.log));
        }
        Agent.Pass first = agent.passes.getFirst();
        double wall = (System.nanoTime() - began) / 1e9;
        long running = host.containers().stream().filter(c -> c.running()).count();
        Map<String, Long> calls = DockerCallCounter.delta(before, docker.snapshot());
        row("first apply of " + services + " services, --parallel " + parallel,
                String.format(Locale.ROOT, "pass %.1f s (agent start → applied %.1f s); %d running; %d Docker calls (%s)",
                        first.seconds, wall, running, DockerCallCounter.total(calls), top(calls, 5)));
        if (parallel == 1) {
            agent.stop();
            agent.close();
        }
        return agent;
    }

    private static void emptyHost(E2eHost host) throws Exception {
        for (var c : host.containers()) {
            host.docker.stopAndRemove(c.id(), Duration.ofSeconds(1));
        }
    }

    private static void noOpPasses(Agent agent, DockerCallCounter docker, int services, int passes) throws Exception {
        agent.awaitPass("a no-op pass to settle", () -> true);
        int from = agent.passes.size();
        Map<String, Long> before = docker.snapshot();
        for (int i = 0; i < passes; i++) {
            agent.awaitPass("no-op pass " + (i + 1), () -> true);
        }
        List<Agent.Pass> noOps = agent.passes.subList(from, from + passes);
        Map<String, Long> calls = DockerCallCounter.delta(before, docker.snapshot());
        List<Double> millis = noOps.stream().map(p -> p.seconds * 1000).sorted().toList();
        row("no-op pass, " + services + " services (" + passes + " passes)", String.format(Locale.ROOT,
                "median %.0f ms, p90 %.0f ms, max %.0f ms; Docker calls per pass %.1f (%s)", percentile(millis, 50),
                percentile(millis, 90), millis.getLast(), DockerCallCounter.total(calls) / (double) passes,
                perPass(calls, passes)));
    }

    private static void oneChange(E2eHost host, Agent agent, DockerCallCounter docker, int services) throws Exception {
        agent.awaitPass("a pass before the change", () -> true);
        int from = agent.passes.size();
        Map<String, Long> before = docker.snapshot();
        long pushed = System.nanoTime();
        List<String> changed = new ArrayList<>(List.of(services(services, "v1")));
        changed.set(0, E2eHost.web("s0", "v2", "/s0/*"));
        host.commit("s0 to v2", host.manifest(changed.toArray(String[]::new)));
        agent.awaitPass("s0 on v2 alone", () -> host.containers().stream()
                .filter(c -> c.service().equals("s0")).map(c -> c.image()).toList().equals(List.of(io.driftless.testing.AppImages.ref("v2"))));
        double served = (System.nanoTime() - pushed) / 1e9;
        List<Agent.Pass> after = agent.passes.subList(from, agent.passes.size());
        Agent.Pass change = after.stream().max(Comparator.comparingDouble(p -> p.seconds)).orElseThrow();
        Map<String, Long> calls = DockerCallCounter.delta(before, docker.snapshot());
        row("one change among " + services + " services", String.format(Locale.ROOT,
                "the pass %.2f s (of it, configured waits: gate interval 0.2 s ×1, monitor 1 s, drain 3 s, Caddy /load ≈ shutdown"
                        + " delay 2 s); commit → old container gone %.1f s; Docker calls in %d passes %d (%s)",
                change.seconds, served, after.size(), DockerCallCounter.total(calls), top(calls, 6)));
    }

    private static String[] services(int n, String tag) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = E2eHost.web("s" + i, tag, "/s" + i + "/*");
        }
        return out;
    }

    /** The agent's {@code run} process and its passes as {@code /metrics} tells them. */
    private static final class Agent implements AutoCloseable {
        record Pass(double seconds, Instant endedBy) {
        }

        final Process process;
        final Path log;
        final int port;
        final List<Pass> passes = new ArrayList<>();
        double sum;
        long count;

        private Agent(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        static Agent start(E2eHost host, DockerCallCounter docker, Path stateDir, int parallel) throws IOException {
            int port = CaddyProcess.freePort();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), "io.driftless.Main", "run",
                    "--repo", host.repo.url(), "--branch", host.repo.branch(), "--state-dir", stateDir.toString(),
                    "--caddy-admin", host.caddy.adminUri().toString(), "--instance", host.instance,
                    "--listen", "127.0.0.1:" + port, "--interval", "1s", "--jitter", "0s", "--parallel", String.valueOf(parallel)));
            Path log = stateDir.resolveSibling(stateDir.getFileName() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("DOCKER_HOST", docker.host());
            return new Agent(builder.start(), log, port);
        }

        /** Waits for the next pass to end, then until {@code condition} holds at the end of a pass. */
        void awaitPass(String what, BooleanSupplier condition) throws Exception {
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            long seen = count;
            while (System.nanoTime() < end) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the agent exited (" + process.exitValue() + ") waiting for " + what
                            + ":\n" + Files.readString(log));
                }
                poll();
                if (count > seen && condition.getAsBoolean()) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("waited 10 minutes for " + what + ":\n" + Files.readString(log));
        }

        /** One pass per new count; two passes between polls (50 ms apart, passes 1 s apart) share their sum. */
        private void poll() {
            String text;
            try {
                text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException | InterruptedException e) {
                return; // not listening yet
            }
            double s = 0;
            long c = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("driftless_reconcile_duration_seconds_sum")) {
                    s += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("driftless_reconcile_duration_seconds_count")) {
                    c += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            if (c > count) {
                double each = (s - sum) / (c - count);
                for (long i = count; i < c; i++) {
                    passes.add(new Pass(each, Instant.now()));
                }
                sum = s;
                count = c;
            }
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    // --- a repository with many commits -----------------------------------------------------------------------------

    private static void fetchPart(Path dir, int commits) throws Exception {
        Files.createDirectories(dir);
        Path bare = dir.resolve("remote.git");
        run(dir, "git", "init", "-q", "--bare", "-b", "main", bare.toString());
        long made = System.nanoTime();
        fastImport(bare, 1, commits, false);
        double madeIn = (System.nanoTime() - made) / 1e9;
        Path cache = dir.resolve("cache");
        SourceConfig config = new SourceConfig("file://" + bare, "main", ".", cache, new Credentials.None(), Duration.ofMinutes(5));
        try (GitSource source = new GitSource(config)) {
            long t0 = System.nanoTime();
            String tip = source.fetch();
            double clone = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            String same = source.fetch();
            double nothing = (System.nanoTime() - t1) / 1e9;
            fastImport(bare, commits + 1, commits + 1, true);
            long t2 = System.nanoTime();
            String next = source.fetch();
            double one = (System.nanoTime() - t2) / 1e9;
            if (!same.equals(tip) || next.equals(tip)) {
                throw new IllegalStateException("fetch did not see the new commit");
            }
            row("fetch, repository of " + commits + " commits (GitSource, file://; made in " + String.format(Locale.ROOT, "%.1f s", madeIn) + ")",
                    String.format(Locale.ROOT, "first fetch (clone) %.2f s; nothing new %.3f s; one new commit %.3f s; cache %s",
                            clone, nothing, one, size(cache)));
        }
    }

    /** Commits {@code from..to} on main, each changing one file, through {@code git fast-import}. */
    private static void fastImport(Path bare, int from, int to, boolean onTop) throws Exception {
        Process p = new ProcessBuilder("git", "--git-dir", bare.toString(), "fast-import", "--quiet")
                .redirectErrorStream(true).start();
        try (OutputStream out = p.getOutputStream()) {
            StringBuilder s = new StringBuilder();
            for (int i = from; i <= to; i++) {
                String body = "version: 1\nservices: {}\n# " + i + "\n";
                String msg = "commit " + i;
                s.append("commit refs/heads/main\n")
                        .append("committer Bench <bench@example.com> ").append(1_700_000_000L + i).append(" +0000\n")
                        .append("data ").append(msg.length()).append('\n').append(msg).append('\n');
                if (i == from && onTop) {
                    s.append("from refs/heads/main^0\n");
                }
                s.append("M 644 inline driftless.yaml\ndata ").append(body.length()).append('\n').append(body).append('\n');
                s.append("M 644 inline notes/").append(i % 100).append(".txt\ndata ").append(msg.length()).append('\n').append(msg).append('\n');
                if (s.length() > 1 << 20) {
                    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
                    s.setLength(0);
                }
            }
            out.write(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git fast-import failed: " + output);
        }
    }

    // --- the ledger after many rollouts -----------------------------------------------------------------------------

    private static void ledgerPart(Path dir, int rollouts) throws Exception {
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        long t0 = System.nanoTime();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        try (SqlLedger ledger = SqlLedger.open(state)) {
            for (int i = 0; i < rollouts; i++) {
                String sha = String.format(Locale.ROOT, "%040x", i + 1);
                ledger.recordAttempt(sha, at);
                long id = ledger.startRollout(sha, "release " + i, at);
                ledger.recordStep(id, "start driftless-demo/app:v1 in green", at, at.plusMillis(300), "ok");
                ledger.recordStep(id, "wait until green answers /healthz", at.plusMillis(300), at.plusMillis(800), "ok");
                ledger.recordStep(id, "switch routes: web→green", at.plusMillis(800), at.plusMillis(2800), "ok");
                ledger.recordStep(id, "retire old blue container", at.plusMillis(2800), at.plusMillis(3000), "ok");
                boolean failed = i % 10 == 9;
                ledger.finishRollout(id, failed ? RolloutOutcome.FAILED : RolloutOutcome.APPLIED,
                        failed ? io.driftless.events.Reason.HEALTH_GATE_FAILED : null, at.plusSeconds(3));
                if (!failed) {
                    ledger.recordApplied(sha, at.plusSeconds(3));
                }
                at = at.plusSeconds(60);
            }
        }
        double filled = (System.nanoTime() - t0) / 1e9;
        double status = cli("status", "--state-dir", state.toString());
        double json = cli("status", "--state-dir", state.toString(), "--json");
        double history = cli("history", "--state-dir", state.toString());
        row("ledger after " + rollouts + " rollouts (SQLite, filled through SqlLedger in " + String.format(Locale.ROOT, "%.0f s", filled) + ")",
                String.format(Locale.ROOT, "`status` %.2f s, `status --json` %.2f s, `history` %.2f s (wall, a fresh JVM each); file %s",
                        status, json, history, ledgerSize(state)));
        // GET /status from a running agent on that ledger: its repository has one empty manifest (the ledger's commits are
        // not in it, so its passes are refused; /status answers all the same).
        try (GitRemote repo = GitRemote.create(dir.resolve("repo"));
             CaddyProcess caddy = CaddyProcess.start("bench-scale-ledger")) {
            repo.commit("empty", Map.of("driftless.yaml", "version: 1\nservices: {}\n"));
            int port = CaddyProcess.freePort();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "io.driftless.Main", "run", "--repo", repo.url(), "--branch", repo.branch(), "--state-dir", state.toString(),
                    "--caddy-admin", caddy.adminUri().toString(), "--instance", "bench-scale-" + Long.toHexString(System.nanoTime()),
                    "--listen", "127.0.0.1:" + port, "--interval", "30s", "--jitter", "0s")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
            try {
                List<Double> millis = new ArrayList<>();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (millis.size() < 10 && System.nanoTime() < end) {
                    long s = System.nanoTime();
                    try {
                        var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            millis.add((System.nanoTime() - s) / 1e6);
                        }
                    } catch (IOException notYet) {
                        Thread.sleep(200);
                    }
                }
                if (millis.isEmpty()) {
                    throw new IllegalStateException("GET /status never answered 200:\n" + Files.readString(dir.resolve("agent.log")));
                }
                millis = millis.stream().sorted().toList();
                row("GET /status, ledger of " + rollouts + " rollouts", String.format(Locale.ROOT,
                        "median %.1f ms, max %.1f ms (%d requests)", percentile(millis, 50), millis.getLast(), millis.size()));
            } finally {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Wall seconds of {@code driftless ARGS} in a fresh JVM, as a user runs it; fails when it exits non-zero. */
    private static double cli(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.driftless.Main"));
        command.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("driftless " + String.join(" ", args) + " exited " + exit + ": " + out);
        }
        return s;
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static void row(String part, String figure) {
        rows.add(new String[] {part, figure});
        System.out.println("scale: " + part + ": " + figure);
    }

    private static String top(Map<String, Long> calls, int n) {
        return calls.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> e.getKey() + " ×" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("none");
    }

    private static String perPass(Map<String, Long> calls, int passes) {
        Map<String, String> out = new LinkedHashMap<>();
        calls.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), String.format(Locale.ROOT, "%.1f", e.getValue() / (double) passes)));
        return out.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("none");
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    static String load() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).strip().replaceFirst("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static String size(Path path) throws IOException {
        long bytes;
        if (Files.isDirectory(path)) {
            try (var walk = Files.walk(path)) {
                bytes = walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        } else {
            bytes = Files.size(path);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** {@code ledger.db} with its write-ahead log and shared memory, when SQLite keeps them. */
    private static String ledgerSize(Path state) throws IOException {
        long bytes;
        try (var files = Files.list(state)) {
            bytes = files.filter(f -> f.getFileName().toString().startsWith("ledger.db")).mapToLong(f -> f.toFile().length()).sum();
        }
        return String.format(Locale.ROOT, "%.1f MiB (ledger.db and its -wal/-shm)", bytes / 1048576.0);
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
