package io.driftless.bench;

import io.driftless.bench.BenchAgent.Event;
import io.driftless.bench.BenchAgent.Push;
import io.driftless.testing.LoadGenerator;
import io.driftless.testing.LoadReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Automatic rollback under load (issue 9, item 3): the real agent ({@code driftless run}) follows a branch where every
 * other commit is a release whose health gate fails (an image whose health check answers 500, deadline 5 s), while
 * about 60 requests/s go through Caddy (half on kept-alive connections, half on fresh ones, never retried). Per way
 * of hearing about a push (a signed webhook; polling every 1 s with jitter 3 s, the old default; polling with the
 * default jitter) it reports failed/total requests, the agent's own "tip seen → failed" (its JSON log), "push →
 * {@code status} shows failed" measured from outside by running {@code driftless status --json} back to back, and
 * for the good commits "push → new version served" (the load's first answer from it) and "push → applied".
 * Run by hand: {@code scripts/bench.sh rollback [--pairs N] [--modes webhook,poll-3s,poll-default] [--smoke]}.
 */
public final class RollbackBenchmark {
    static final String DEADLINE = "5s";
    static final Duration WAIT = Duration.ofSeconds(90);

    private RollbackBenchmark() {
    }

    /** How the agent hears of a push. */
    enum Mode {
        WEBHOOK("webhook", "signed /hooks/git, --interval 1h"),
        POLL_OLD_JITTER("poll-3s", "--interval 1s --jitter 3s (the old default jitter)"),
        POLL_DEFAULT("poll-default", "--interval 1s, --jitter not given (default)");

        final String name;
        final String flags;

        Mode(String name, String flags) {
            this.name = name;
            this.flags = flags;
        }

        static Mode named(String name) {
            for (Mode m : values()) {
                if (m.name.equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown mode " + name + "; modes: webhook, poll-3s, poll-default");
        }
    }

    /** One commit's figures; a missing one is null. */
    record Commit(boolean broken, Push push, Instant tipSeen, Instant verdict, Instant statusShown, Instant served) {
        Duration tipToVerdict() {
            return between(tipSeen, verdict);
        }

        Duration pushToStatus() {
            return between(push.at(), statusShown);
        }

        Duration pushToServed() {
            return between(push.at(), served);
        }

        Duration pushToTip() {
            return between(push.at(), tipSeen);
        }
    }

    record Run(Mode mode, LoadReport load, List<Commit> commits, Instant origin, String statusCommand, Duration statusWall) {
        List<Commit> broken() {
            return commits.stream().filter(Commit::broken).toList();
        }

        List<Commit> good() {
            return commits.stream().filter(c -> !c.broken()).toList();
        }

        boolean complete() {
            return commits.stream().allMatch(c -> c.verdict() != null && c.statusShown() != null && c.tipSeen() != null
                    && (c.broken() || c.served() != null));
        }
    }

    public static void main(String[] args) throws Exception {
        int pairs = 10;
        boolean smoke = false;
        List<Mode> modes = List.of(Mode.values());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pairs" -> pairs = Integer.parseInt(args[++i]);
                case "--modes" -> modes = java.util.Arrays.stream(args[++i].split(",")).map(Mode::named).toList();
                case "--smoke" -> smoke = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--pairs N] [--modes webhook,poll-3s,poll-default] [--smoke]");
            }
        }
        if (smoke) {
            pairs = 1;
            modes = List.of(Mode.WEBHOOK);
        }
        System.out.printf(Locale.ROOT, "rollback: %d pairs (good, broken) per mode, health deadline %s, ~60 req/s; modes %s%n",
                pairs, DEADLINE, modes.stream().map(m -> m.name).toList());
        String command = BenchmarkLog.command("rollback", args);
        Path plots = smoke ? Files.createTempDirectory("bench-rollback-plots-") : null;
        List<Run> runs = new ArrayList<>();
        StringBuilder links = new StringBuilder();
        for (Mode mode : modes) {
            Path dir = Files.createTempDirectory("bench-rollback-");
            Run run = run(mode, pairs, dir, smoke ? Duration.ZERO : Duration.ofSeconds(1));
            runs.add(run);
            System.out.println(table(List.of(run)));
            Path png = smoke ? plots.resolve("rollback-" + mode.name + ".png") : BenchmarkLog.plotFile("rollback-" + mode.name);
            LatencyPlot.write(png, "rollback, " + mode.name + " (" + mode.flags + "): " + pairs + " good + " + pairs
                    + " broken commits, ~60 req/s", run.origin(), run.load(), marks(run));
            System.out.println("plot: " + png);
            links.append("- ").append(mode.name).append(": [").append(png.getFileName()).append("](")
                    .append(smoke ? png.toString() : BenchmarkLog.relativeLink(png)).append(")\n");
        }
        String table = table(runs);
        System.out.println(table);
        boolean complete = runs.stream().allMatch(Run::complete);
        if (!complete) {
            System.err.println("rollback: some commits were not seen through (a figure is missing above)");
            System.exit(1);
        }
        if (!smoke) {
            BenchmarkLog.append("rollback", pairs + " pairs (good, broken) per mode, health deadline " + DEADLINE + ", ~60 req/s",
                    command, "`status` from outside: " + runs.getFirst().statusCommand() + ". Figures: median (min–max).\n\n"
                            + table + "\nPlots (pushes as dashed lines: g = good, b = broken; failed requests as red ticks):\n\n" + links);
        }
    }

    static List<LatencyPlot.Mark> marks(Run run) {
        List<LatencyPlot.Mark> marks = new ArrayList<>();
        for (Commit c : run.commits()) {
            marks.add(new LatencyPlot.Mark(c.push().at(), c.broken() ? "b" : "g"));
        }
        return marks;
    }

    /** @param settle the pause after each verdict (and twice that before the first push), so the plot shows steady load */
    static Run run(Mode mode, int pairs, Path dir, Duration settle) throws Exception {
        try (BenchAgent bench = new BenchAgent(dir, "rollback-" + mode.name, "v1", "v2", "v3-unhealthy")) {
            Push first = bench.push("web v1", BenchAgent.web("v1", DEADLINE));
            switch (mode) {
                case WEBHOOK -> bench.start(first.revision(), "--interval", "1h");
                case POLL_OLD_JITTER -> bench.start(first.revision(), "--interval", "1s", "--jitter", "3s");
                case POLL_DEFAULT -> bench.start(first.revision(), List.of("--jitter"), "--interval", "1s");
            }
            LoadGenerator load = new LoadGenerator("127.0.0.1", bench.host.port, "/", 2, 2, 60, Duration.ofHours(2));
            Instant origin = Instant.now();
            load.start();
            Thread.sleep(settle.multipliedBy(2));
            record Sent(Push push, boolean broken, String tag, Instant statusShown) {
            }
            List<Sent> sent = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                String tag = i % 2 == 0 ? "v2" : "v1";
                for (boolean broken : new boolean[]{false, true}) {
                    String image = broken ? "v3-unhealthy" : tag;
                    Push push = bench.push("web " + image + " (pair " + (i + 1) + ")", BenchAgent.web(image, DEADLINE));
                    if (mode == Mode.WEBHOOK && bench.hook(push.revision()) != 202) {
                        throw new IllegalStateException("the webhook was not accepted:\n" + bench.log());
                    }
                    Optional<Instant> shown = bench.awaitStatus(s -> broken ? BenchAgent.failed(s, push.revision())
                            : BenchAgent.applied(s, push.revision()), WAIT);
                    sent.add(new Sent(push, broken, tag, shown.orElse(null)));
                    System.out.printf(Locale.ROOT, "  %s %s %s: status shows it after %s%n", mode.name, broken ? "broken" : "good  ",
                            push.revision().substring(0, 8), shown.map(at -> seconds(Duration.between(push.at(), at))).orElse("never"));
                    Thread.sleep(settle);
                }
            }
            Thread.sleep(settle);
            LoadReport report = load.stop();
            List<Event> events = bench.events();
            List<Commit> commits = new ArrayList<>();
            for (Sent s : sent) {
                Instant tip = BenchAgent.first(events, "TipSeen", s.push().revision(), s.push().at()).map(Event::at).orElse(null);
                Instant verdict = BenchAgent.first(events, s.broken() ? "RolloutFailed" : "RolloutApplied", s.push().revision(),
                        s.push().at()).map(Event::at).orElse(null);
                Instant served = s.broken() ? null : report.answers().stream()
                        .filter(a -> !a.at().isBefore(s.push().at()) && a.body().strip().equals("app " + s.tag()))
                        .map(LoadReport.Answer::at).min(Comparator.naturalOrder()).orElse(null);
                commits.add(new Commit(s.broken(), s.push(), tip, verdict, s.statusShown(), served));
            }
            return new Run(mode, report, commits, origin, bench.statusCommand(), bench.statusWall());
        }
    }

    static String table(List<Run> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| mode | failed / total | latency p50 / p99 / max | broken: push → tip seen | tip seen → failed (agent) | push → `status` shows failed"
                + " | good: push → new version served | push → applied (`status`) | `status --json` wall |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Run r : runs) {
            Latencies l = Latencies.of(r.load().answers().stream().map(LoadReport.Answer::latency).toList());
            out.append(String.format(Locale.ROOT, "| %s (%s) | %d / %d | %s / %s / %s ms | %s | %s | %s | %s | %s | %s |%n", r.mode().name,
                    r.mode().flags, r.load().failed(), r.load().total(), Latencies.ms(l.p50()), Latencies.ms(l.p99()), Latencies.ms(l.max()), spread(r.broken(), Commit::pushToTip), spread(r.broken(), Commit::tipToVerdict),
                    spread(r.broken(), Commit::pushToStatus), spread(r.good(), Commit::pushToServed),
                    spread(r.good(), Commit::pushToStatus), seconds(r.statusWall())));
        }
        return out.toString();
    }

    /** "median (min–max)" in seconds, or "—". */
    static String spread(List<Commit> commits, java.util.function.Function<Commit, Duration> figure) {
        List<Duration> values = commits.stream().map(figure).filter(java.util.Objects::nonNull).sorted().toList();
        if (values.isEmpty()) {
            return "—";
        }
        String missing = values.size() < commits.size() ? " (" + (commits.size() - values.size()) + " missing)" : "";
        return seconds(values.get((values.size() - 1) / 2)) + " (" + seconds(values.getFirst()) + "–" + seconds(values.getLast()) + ")" + missing;
    }

    static Duration between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
