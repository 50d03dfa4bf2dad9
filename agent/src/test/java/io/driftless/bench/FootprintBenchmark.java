package io.driftless.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.testing.AgentProcess;
import io.driftless.testing.AppImages;
import io.driftless.testing.CaddyProcess;
import io.driftless.testing.E2eHost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the agent costs the host: the real {@code driftless run} process against the machine's dockerd, a Caddy and a
 * Git repository of its own, with N routed services, started two ways: "before", {@code java -jar driftless.jar} with
 * the JDK's defaults, and "after", the shipped launcher {@code dist/driftless/bin/driftless} the way
 * {@code packaging/driftless.service} starts it (its {@code Environment=} lines and {@code ExecStart} arguments; when
 * systemd is not PID 1, that command line run directly). For each: RSS (VmRSS, RssAnon, RssFile, PSS) idle after the
 * first apply and a settle time; the peak RSS while all N services roll to a new image, sampled every 50 ms; heap,
 * metaspace and code cache after a full GC ({@code jcmd}); the live threads by name; then, with the agent stopped,
 * the wall time of the CLI's {@code status}, {@code plan} and {@code validate} (median of the runs). Builds the
 * launcher with {@code scripts/package.sh --no-build} when it is missing or older than the jar or the launcher script. Run by hand:
 * {@code scripts/bench.sh footprint [--smoke] [--services N] [--settle SECONDS] [--cli-runs N] [--nmt] [--only before|after]
 * [--java-opts FLAGS]}: {@code --nmt} prints Native Memory Tracking's summary; {@code --java-opts} adds flags to the
 * launcher's agent (its {@code JAVA_OPTS}), to try one before it goes into {@code packaging/launcher.sh}.
 */
public final class FootprintBenchmark {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final double MIB = 1024 * 1024;
    private static final List<String> CLI = List.of("status", "plan", "validate");

    private FootprintBenchmark() {
    }

    /** How one mode starts the agent. */
    record Mode(String name, List<String> launcher, Map<String, String> environment, String described) {
    }

    /** /proc/PID/status and smaps_rollup at one moment, in bytes. */
    record Rss(long vmRss, long rssAnon, long rssFile, long rssShmem, long pss) {
        static Rss of(long pid) throws IOException {
            Map<String, Long> status = kib(Path.of("/proc", Long.toString(pid), "status"));
            Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
            long pss = Files.isReadable(rollup) ? kib(rollup).getOrDefault("Pss", -1L) : -1;
            return new Rss(status.get("VmRSS"), status.get("RssAnon"), status.get("RssFile"), status.get("RssShmem"), pss);
        }
    }

    /** What one mode measured. */
    record Result(Mode mode, Rss idle, Rss peak, int peakThreads, double rolloutSeconds, Map<String, Integer> threads,
                  String heap, String metaspace, String codeCache, Map<String, Double> cliMedians, String nmt) {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        boolean nmt = false;
        int services = 10;
        int settleSeconds = 30;
        int cliRuns = 5;
        String only = null;
        String javaOpts = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--services" -> services = Integer.parseInt(args[++i]);
                case "--settle" -> settleSeconds = Integer.parseInt(args[++i]);
                case "--cli-runs" -> cliRuns = Integer.parseInt(args[++i]);
                case "--nmt" -> nmt = true;
                case "--only" -> only = args[++i];
                case "--java-opts" -> javaOpts = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--smoke] [--services N] [--settle SECONDS] [--cli-runs N] [--nmt] [--only before|after] [--java-opts FLAGS]");
            }
        }
        if (smoke) {
            services = 1;
            settleSeconds = 2;
            cliRuns = 1;
        }
        Path root = AppImages.projectRoot();
        String load = BenchmarkLog.loadAverage();
        List<Mode> modes = new ArrayList<>();
        if (only == null || only.equals("before")) {
            modes.add(before(root, nmt));
        }
        if (only == null || only.equals("after")) {
            modes.add(after(root, nmt, javaOpts));
        }
        System.out.printf(Locale.ROOT, "footprint: %d services, settle %d s, CLI median of %d; java %s; load average %s%n",
                services, settleSeconds, cliRuns, Runtime.version(), load);
        List<Result> results = new ArrayList<>();
        for (Mode mode : modes) {
            System.out.println("footprint: " + mode.name() + " = " + mode.described());
            results.add(measure(root, mode, services, Duration.ofSeconds(settleSeconds), cliRuns, nmt));
        }
        String loadAfter = BenchmarkLog.loadAverage();
        String table = table(results, services);
        System.out.println(table);
        results.stream().filter(r -> r.nmt() != null).forEach(r -> System.out.println("footprint: " + r.mode().name()
                + " native memory:\n" + r.nmt()));
        if (!smoke) {
            StringBuilder body = new StringBuilder("Load average " + load + " before, " + loadAfter + " after; " + services
                    + " services, settle " + settleSeconds + " s, CLI median of " + cliRuns + ".\n\n");
            for (Result r : results) {
                body.append("- ").append(r.mode().name()).append(": ").append(r.mode().described()).append('\n');
            }
            body.append('\n').append(table);
            BenchmarkLog.append("footprint", services + " services", BenchmarkLog.command("footprint", args), body.toString());
        }
    }

    private static Mode before(Path root, boolean nmt) {
        Path jar = root.resolve("agent/target/driftless.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with (cd agent && mvn -B -q -o package -DskipTests)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> launcher = new ArrayList<>(List.of(java.toString()));
        if (nmt) {
            launcher.add("-XX:NativeMemoryTracking=summary");
        }
        launcher.addAll(List.of("-jar", jar.toString()));
        return new Mode("before", launcher, Map.of(), "`" + java + (nmt ? " -XX:NativeMemoryTracking=summary" : "")
                + " -jar agent/target/driftless.jar` (JVM defaults, JDK " + Runtime.version().feature() + ")");
    }

    /** The launcher as the unit runs it: its Environment= lines, and ExecStart's arguments after {@code run}. */
    private static Mode after(Path root, boolean nmt, String javaOpts) throws IOException, InterruptedException {
        Path launcher = root.resolve("dist/driftless/bin/driftless");
        Path packed = root.resolve("dist/driftless/lib/driftless/driftless.jar");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(packed)
                || older(launcher, root.resolve("packaging/launcher.sh")) || older(packed, root.resolve("agent/target/driftless.jar"))) {
            System.out.println("footprint: building " + launcher + " with scripts/package.sh --no-build");
            Process p = new ProcessBuilder("scripts/package.sh", "--no-build").directory(root.toFile()).inheritIO().start();
            if (p.waitFor() != 0 || !Files.isExecutable(launcher)) {
                throw new IllegalStateException("scripts/package.sh --no-build failed (exit " + p.exitValue() + ")");
            }
        }
        Map<String, String> environment = new LinkedHashMap<>();
        String execStart = null;
        for (String line : Files.readAllLines(root.resolve("packaging/driftless.service"))) {
            if (line.startsWith("Environment=")) {
                for (String pair : line.substring("Environment=".length()).strip().split("\\s+")) {
                    String unquoted = pair.replace("\"", "");
                    int eq = unquoted.indexOf('=');
                    environment.put(unquoted.substring(0, eq), unquoted.substring(eq + 1));
                }
            } else if (line.startsWith("ExecStart=")) {
                execStart = line.substring("ExecStart=".length()).strip();
            }
        }
        if (execStart == null || !execStart.startsWith("/opt/driftless/bin/driftless run")) {
            throw new IllegalStateException("packaging/driftless.service: expected ExecStart=/opt/driftless/bin/driftless run ..., got "
                    + execStart);
        }
        String opts = ((nmt ? "-XX:NativeMemoryTracking=summary " : "") + (javaOpts == null ? "" : javaOpts)).strip();
        if (!opts.isEmpty()) {
            environment.put("JAVA_OPTS", opts);
        }
        String pid1 = Files.readString(Path.of("/proc/1/comm")).strip();
        String how = pid1.equals("systemd") ? "ExecStart's command line" : "ExecStart's command line run directly (PID 1 is "
                + pid1 + ", not systemd)";
        return new Mode("after", List.of(launcher.toString()), environment, "`" + envText(environment)
                + "dist/driftless/bin/driftless run ...`, " + how + ", with the unit's Environment=");
    }

    private static boolean older(Path file, Path than) throws IOException {
        return Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) < 0;
    }

    private static String envText(Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        environment.forEach((k, v) -> out.append(k).append('=').append(v).append(' '));
        return out.toString();
    }

    private static Result measure(Path root, Mode mode, int services, Duration settle, int cliRuns, boolean nmt) throws Exception {
        Path dir = Files.createTempDirectory("driftless-footprint-" + mode.name());
        try (E2eHost host = new E2eHost(dir, "bench-footprint-" + mode.name())) {
            String c1 = host.commit("v1", host.manifest(services("v1", services)));
            String listen = "127.0.0.1:" + CaddyProcess.freePort();
            try (AgentProcess agent = AgentProcess.launch(mode.launcher(), mode.environment(), host,
                    "--listen", listen, "--interval", "2s")) {
                long began = System.nanoTime();
                agent.await("the first apply of " + c1, WAIT, () -> c1.equals(applied(host)));
                System.out.printf(Locale.ROOT, "footprint: %s: first apply of %d services took %.1f s; settling %d s%n",
                        mode.name(), services, seconds(began), settle.toSeconds());
                Thread.sleep(settle.toMillis());
                long pid = agent.pid();
                Rss idle = Rss.of(pid);
                Map<String, Integer> threads = threads(pid);

                String c2 = host.commit("v2", host.manifest(services("v2", services)));
                AtomicBoolean rolling = new AtomicBoolean(true);
                Rss[] peak = {idle};
                int[] peakThreads = {threads.values().stream().mapToInt(Integer::intValue).sum()};
                Thread sampler = Thread.ofPlatform().name("footprint-sampler").start(() -> {
                    while (rolling.get()) {
                        try {
                            Rss now = Rss.of(pid);
                            if (now.vmRss() > peak[0].vmRss()) {
                                peak[0] = now;
                            }
                            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                                peakThreads[0] = Math.max(peakThreads[0], (int) tasks.count());
                            }
                            Thread.sleep(50);
                        } catch (IOException | InterruptedException | RuntimeException gone) {
                            return;
                        }
                    }
                });
                began = System.nanoTime();
                agent.await("the rollout of " + c2, WAIT, () -> c2.equals(applied(host)) || failed(host, c2) != null);
                double rollout = seconds(began);
                rolling.set(false);
                sampler.join();
                if (failed(host, c2) != null) {
                    throw new IllegalStateException(mode.name() + ": the rollout of " + c2 + " failed: " + failed(host, c2)
                            + "\nagent log:\n" + agent.log());
                }
                System.out.printf(Locale.ROOT, "footprint: %s: rollout of %d services took %.1f s%n", mode.name(), services, rollout);

                jcmd(pid, "GC.run");
                String heapInfo = jcmd(pid, "GC.heap_info");
                String metaspace = metaspace(jcmd(pid, "VM.metaspace", "basic"));
                String nativeMemory = nmt ? jcmd(pid, "VM.native_memory", "summary") : null;
                String codeCache = codeCache(jcmd(pid, "Compiler.codecache"));
                int exit = agent.terminate(Duration.ofSeconds(60));
                if (exit != 0 && exit != 143) {
                    throw new IllegalStateException(mode.name() + ": the agent exited " + exit + " on SIGTERM:\n" + agent.log());
                }
                Map<String, Double> cli = cli(mode, host, services, cliRuns);
                return new Result(mode, idle, peak[0], peakThreads[0], rollout, threads, heap(heapInfo), metaspace,
                        codeCache, cli, nativeMemory);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static String services(String tag, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(E2eHost.web("s" + i, tag, "/s" + i + "/*"));
        }
        return out.toString();
    }

    private static String applied(E2eHost host) {
        return host.statusField("lastAppliedRevision");
    }

    private static JsonNode failed(E2eHost host, String revision) {
        try {
            for (JsonNode f : host.status().get("failedRevisions")) {
                if (f.get("revision").asText().equals(revision)) {
                    return f;
                }
            }
        } catch (AssertionError notYet) {
            return null;
        }
        return null;
    }

    /** Median wall seconds of each CLI command, the agent stopped, its state and containers left as they are. */
    private static Map<String, Double> cli(Mode mode, E2eHost host, int services, int runs) throws Exception {
        Path manifests = host.dir.resolve("validate");
        Files.createDirectories(manifests);
        Files.writeString(manifests.resolve("driftless.yaml"), host.manifest(services("v2", services)));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String command : CLI) {
            List<String> args = new ArrayList<>(mode.launcher().stream().filter(a -> !a.startsWith("-XX:NativeMemory")).toList());
            args.add(command);
            switch (command) {
                case "status" -> args.addAll(List.of("--state-dir", host.stateDir.toString()));
                case "plan" -> args.addAll(host.agentFlags());
                default -> args.add(manifests.toString());
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
                builder.environment().keySet().removeAll(List.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"));
                mode.environment().forEach((k, v) -> {
                    if (!k.equals("JAVA_OPTS")) {
                        builder.environment().put(k, v);
                    }
                });
                long began = System.nanoTime();
                Process p = builder.start();
                p.getOutputStream().close();
                String output;
                try (InputStream in = p.getInputStream()) {
                    output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(mode.name() + ": " + command + " did not finish in 2 minutes:\n" + output);
                }
                times.add(seconds(began));
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(mode.name() + ": " + String.join(" ", args) + " exited " + p.exitValue()
                            + ":\n" + output);
                }
            }
            times.sort(null);
            out.put(command, times.get(times.size() / 2));
        }
        return out;
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    /** "used / committed MiB" of the Java heap: Serial's two generations, or G1's one line. */
    static String heap(String heapInfo) {
        long committed = 0;
        long used = 0;
        Matcher m = Pattern.compile("(?m)^ *(?:DefNew|Tenured|def new generation|tenured generation)\\s+total (\\d+)K, used (\\d+)K")
                .matcher(heapInfo);
        while (m.find()) {
            committed += Long.parseLong(m.group(1));
            used += Long.parseLong(m.group(2));
        }
        Matcher g1 = Pattern.compile("garbage-first heap\\s+total reserved \\d+K, committed (\\d+)K, used (\\d+)K").matcher(heapInfo);
        if (g1.find()) {
            committed = Long.parseLong(g1.group(1));
            used = Long.parseLong(g1.group(2));
        }
        return committed == 0 ? "?" : String.format(Locale.ROOT, "%.1f / %.1f", used / 1024.0, committed / 1024.0);
    }

    /** "used / committed MiB" from the first line of {@code VM.metaspace basic}. */
    static String metaspace(String output) {
        Matcher m = Pattern.compile("Metaspace\\s+used (\\d+)K, committed (\\d+)K").matcher(output);
        return m.find() ? String.format(Locale.ROOT, "%.1f / %.1f", Long.parseLong(m.group(1)) / 1024.0,
                Long.parseLong(m.group(2)) / 1024.0) : "?";
    }

    /** "used MiB" over the code heaps Compiler.codecache lists. */
    static String codeCache(String output) {
        long used = 0;
        long size = 0;
        Matcher m = Pattern.compile("size=(\\d+)Kb,? used=(\\d+)Kb").matcher(output);
        while (m.find()) {
            size += Long.parseLong(m.group(1));
            used += Long.parseLong(m.group(2));
        }
        return size == 0 ? "?" : String.format(Locale.ROOT, "%.1f (of %.0f reserved)", used / 1024.0, size / 1024.0);
    }

    /** Thread name (from /proc/PID/task/TID/comm, digits folded to #) → how many. */
    private static Map<String, Integer> threads(long pid) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#");
                    out.merge(name, 1, Integer::sum);
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return out;
    }

    private static Map<String, Long> kib(Path file) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = Pattern.compile("^(\\w+):\\s+(\\d+) kB").matcher(line);
            if (m.find()) {
                out.put(m.group(1), Long.parseLong(m.group(2)) * 1024);
            }
        }
        return out;
    }

    private static String table(List<Result> results, int services) {
        StringBuilder out = new StringBuilder("| what |");
        results.forEach(r -> out.append(' ').append(r.mode().name()).append(" |"));
        out.append(" goal |\n| --- |");
        results.forEach(r -> out.append(" --- |"));
        out.append(" --- |\n");
        row(out, results, "RSS idle (VmRSS), MiB", r -> mib(r.idle().vmRss()), "≤ 80");
        row(out, results, "… of it RssAnon / RssFile / RssShmem, MiB", r -> mib(r.idle().rssAnon()) + " / "
                + mib(r.idle().rssFile()) + " / " + mib(r.idle().rssShmem()), "");
        row(out, results, "PSS idle (smaps_rollup), MiB", r -> r.idle().pss() < 0 ? "n/a" : mib(r.idle().pss()), "");
        row(out, results, "peak RSS, rollout of " + services + " services, MiB", r -> mib(r.peak().vmRss()), "≤ 120");
        row(out, results, "… of it RssAnon / RssFile, MiB", r -> mib(r.peak().rssAnon()) + " / " + mib(r.peak().rssFile()), "");
        row(out, results, "rollout of " + services + " services, s", r -> String.format(Locale.ROOT, "%.1f", r.rolloutSeconds()), "");
        row(out, results, "heap used / committed after full GC, MiB", Result::heap, "");
        row(out, results, "metaspace used / committed, MiB", Result::metaspace, "");
        row(out, results, "code cache used, MiB", Result::codeCache, "");
        row(out, results, "threads idle / peak in rollout", r -> r.threads().values().stream().mapToInt(Integer::intValue).sum()
                + " / " + r.peakThreads(), "");
        for (String command : CLI) {
            row(out, results, "`" + command + "` wall, median s", r -> String.format(Locale.ROOT, "%.2f", r.cliMedians().get(command)),
                    "≤ 0.5");
        }
        out.append("\nIdle threads (from /proc/PID/task/*/comm, digits as #):\n\n| thread |");
        results.forEach(r -> out.append(' ').append(r.mode().name()).append(" |"));
        out.append("\n| --- |");
        results.forEach(r -> out.append(" --- |"));
        out.append('\n');
        TreeMap<String, Boolean> names = new TreeMap<>();
        results.forEach(r -> r.threads().keySet().forEach(n -> names.put(n, true)));
        for (String name : names.keySet()) {
            out.append("| `").append(name).append("` |");
            results.forEach(r -> out.append(' ').append(r.threads().getOrDefault(name, 0)).append(" |"));
            out.append('\n');
        }
        return out.toString();
    }

    private interface Cell {
        String of(Result r);
    }

    private static void row(StringBuilder out, List<Result> results, String what, Cell cell, String goal) {
        out.append("| ").append(what).append(" |");
        results.forEach(r -> out.append(' ').append(cell.of(r)).append(" |"));
        out.append(' ').append(goal).append(" |\n");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MIB);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
