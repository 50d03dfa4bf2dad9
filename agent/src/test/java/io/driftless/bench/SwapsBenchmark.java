package io.driftless.bench;

import io.driftless.testing.AppImages;
import io.driftless.testing.LoadGenerator;
import io.driftless.testing.LoadReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Swaps under load, side by side: in one run, with the same demo images and the same load (a {@link LoadGenerator}
 * at 60 req/s, half its workers on keep-alive connections and half opening a fresh one per request, never retrying),
 * N swaps each for an app ready at once ({@code v1} ⇄ {@code v2}) and one that boots for 8 s, listening on nothing
 * until then ({@code v1-boot8} ⇄ {@code v2-boot8}), by: the agent (a real {@code driftless run}, a signed webhook per
 * push); recreate ({@code docker stop}, {@code docker run -p} on the same port: Watchtower, compose, doco-cd); the
 * same recreate behind Caddy with {@code lb_try_duration}; Docker Swarm {@code service update} with
 * {@code --update-order start-first} (host-mode port, healthcheck), and, since that cannot swap on one node with a
 * host-mode port, with {@code stop-first} too. Each run has a steady window without swaps first. Prints one table,
 * writes a latency plot per contender and app and, unless {@code --smoke}, appends both to docs/benchmarks.md.
 * Run by hand: {@code scripts/bench.sh swaps [--swaps N] [--steady SECONDS] [--smoke]}.
 */
public final class SwapsBenchmark {
    private static final double RATE = 60;
    private static final int WORKERS_EACH = 3;
    /** Between two swaps: the load settles, and the next swap does not start on top of the last one's tail. */
    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final List<AutoCloseable> OPEN = new CopyOnWriteArrayList<>();
    /** Set by the shutdown hook (Ctrl-C): start nothing new while it cleans up. */
    private static volatile boolean stopping;

    private SwapsBenchmark() {
    }

    /** An app as two images the swaps alternate between, and the bodies they answer. */
    record App(String slug, String title, String tagA, String tagB, int bootSeconds) {
        String image(int swap) {
            return AppImages.ref(swap % 2 == 0 ? tagA : tagB);
        }

        String body(int swap) {
            return "app " + (swap % 2 == 0 ? tagA : tagB).replaceFirst("-.*", "");
        }
    }

    /** One contender × app: its swaps, the load it saw, and the windows; {@code error} when it could not run. */
    record Run(String contender, String slug, App app, List<SwapContender.Swap> swaps, int attempted, LoadReport report,
               Instant steadyFrom, Instant swapsFrom, Instant swapsTo, String error, Path plot) {
        List<LoadReport.Answer> answers(Instant from, Instant to) {
            return report.answers().stream().filter(a -> !a.started().isBefore(from) && a.started().isBefore(to)).toList();
        }

        List<LoadReport.Failure> failures(Instant from, Instant to) {
            return report.failures().stream().filter(f -> !f.started().isBefore(from) && f.started().isBefore(to)).toList();
        }

        Latencies latencies(Instant from, Instant to) {
            return Latencies.of(answers(from, to).stream().map(LoadReport.Answer::latency).toList());
        }

        String counts(Instant from, Instant to) {
            int failed = failures(from, to).size();
            return String.format(Locale.ROOT, "%s / %,d", failed == 0 ? "0" : "**" + failed + "**", failed + answers(from, to).size());
        }

        Optional<Duration> medianServed() {
            return median(swaps.stream().flatMap(s -> s.toServed().stream()).toList());
        }

        Optional<Duration> medianDone() {
            return median(swaps.stream().flatMap(s -> s.toDone().stream()).toList());
        }

        Optional<Duration> maxServed() {
            return swaps.stream().flatMap(s -> s.toServed().stream()).max(Duration::compareTo);
        }

        /** Swaps that served the new version and that the tool called done. */
        long completed() {
            return swaps.stream().filter(s -> s.served() != null && s.done() != null).count();
        }
    }

    public static void main(String[] args) throws Exception {
        int swaps = 50;
        int steadySeconds = 20;
        boolean smoke = false;
        boolean withSwarm = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--swaps" -> swaps = Integer.parseInt(args[++i]);
                case "--steady" -> steadySeconds = Integer.parseInt(args[++i]);
                case "--smoke" -> smoke = true;
                case "--swarm" -> withSwarm = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--swaps N] [--steady SECONDS] [--smoke [--swarm]]");
            }
        }
        if (smoke) {
            swaps = 1;
            steadySeconds = 2;
        }
        String command = BenchmarkLog.command("swaps", args);
        App ready = new App("ready", "ready at once", "v1", "v2", 0);
        // The smoke runs the app ready at once only: the booting one doubles its time and exercises no other path.
        List<App> apps = smoke ? List.of(ready) : List.of(ready, new App("boot8", "boots for 8 s", "v1-boot8", "v2-boot8", 8));
        AppImages.ensure(apps.stream().flatMap(a -> Stream.of(a.tagA(), a.tagB())).toArray(String[]::new));
        Path plots = smoke ? Files.createTempDirectory("bench-swaps-plots-") : null;
        String prefix = "bench-swaps-" + UUID.randomUUID().toString().substring(0, 8);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            closeAll();
        }, "bench-swaps-clean-up"));
        String loadBefore = BenchmarkLog.loadAverage();
        System.out.printf(Locale.ROOT, "swaps: %d swaps per contender and app, %d s steady first, load %.0f req/s"
                        + " (%d keep-alive + %d fresh-connection workers, no retries); names %s-*; load average %s%n",
                swaps, steadySeconds, RATE, WORKERS_EACH, WORKERS_EACH, prefix, loadBefore);

        // A smoke run (CI, a developer's machine) leaves Swarm out unless asked: `docker swarm init` on a dockerd that
        // other test runs share could make a concurrent run's `swarm leave --force` take this run's services along.
        SwapContender.Swarm.Node swarm = smoke && !withSwarm
                ? new SwapContender.Swarm.Node(false, "left out of --smoke (give --swarm to include it)")
                : SwapContender.Swarm.join();
        OPEN.add(swarm::leave);
        if (swarm.unavailable() != null) {
            System.out.println("swaps: Swarm unavailable: " + swarm.unavailable());
        } else if (swarm.initialised()) {
            System.out.println("swaps: this node was not in a Swarm: `docker swarm init` made it a manager; it leaves at the end");
        }
        Instant started = Instant.now();
        List<Run> runs = new ArrayList<>();
        List<String> hows = new ArrayList<>();
        try {
            for (App app : apps) {
                Duration tryDuration = Duration.ofSeconds(app.bootSeconds() > 0 ? 10 : 5);
                Duration swarmGiveUp = Duration.ofSeconds(smoke ? 4 : 20);
                List<Function<String, SwapContender>> contenders = List.of(
                        p -> agent(),
                        p -> new SwapContender.Recreate(p),
                        p -> new SwapContender.HeldByCaddy(p, tryDuration),
                        p -> new SwapContender.Swarm(p, "start-first", swarmGiveUp.plusSeconds(app.bootSeconds())),
                        p -> new SwapContender.Swarm(p, "stop-first", SwapContender.SWAP_TIMEOUT));
                for (Function<String, SwapContender> make : contenders) {
                    SwapContender contender = make.apply(prefix + "-" + app.slug());
                    String how = "- **" + contender.title() + "**: " + contender.how();
                    if (app == apps.getFirst()) {
                        hows.add(how);
                    } else if (!hows.contains(how)) {
                        hows.add("- **" + contender.title() + "**, app " + app.title() + ": " + contender.how());
                    }
                    if (contender instanceof SwapContender.Swarm && swarm.unavailable() != null) {
                        runs.add(new Run(contender.title(), contender.slug(), app, List.of(), 0, null, null, null, null,
                                "unavailable: " + swarm.unavailable(), null));
                        continue;
                    }
                    Run run = measure(contender, app, swaps, Duration.ofSeconds(steadySeconds), plots);
                    runs.add(run);
                    System.out.println("swaps: " + line(run));
                }
            }
        } finally {
            closeAll();
        }
        String loadAfter = BenchmarkLog.loadAverage();
        Duration took = Duration.between(started, Instant.now());
        String table = table(runs);
        System.out.println();
        System.out.println(table);
        System.out.printf(Locale.ROOT, "swaps: took %d min %d s; load average before %s, after %s%n",
                took.toMinutes(), took.toSecondsPart(), loadBefore, loadAfter);
        runs.stream().filter(r -> r.plot() != null).forEach(r -> System.out.println("swaps: plot " + r.plot()));
        runs.stream().flatMap(r -> r.swaps().stream().filter(s -> !s.note().isEmpty()).limit(1)
                        .map(s -> r.contender() + ", " + r.app().title() + ": " + s.note()))
                .forEach(note -> System.out.println("swaps: note: " + note));
        runs.stream().filter(r -> r.report() != null && r.report().failed() > 0)
                .forEach(r -> System.out.println("swaps: failures, " + r.contender() + ", " + r.app().title() + ", e.g. "
                        + r.report().failures().stream().map(LoadReport.Failure::cause).distinct().limit(3).toList()));

        // Broken: a contender that could not run, one that did not finish its swaps (Swarm start-first on one node with
        // a host-mode port never does: that is its finding), or the agent dropping a request.
        boolean broken = runs.stream().anyMatch(r -> r.error() != null && !r.error().startsWith("unavailable")
                || r.error() == null && r.completed() < r.attempted() && !r.slug().equals("swarm-start-first")
                || r.slug().equals("agent") && r.report() != null && r.report().failed() > 0);
        if (smoke) {
            System.out.println("swaps: smoke: nothing recorded; plots in " + plots);
            if (swarm.unavailable() != null) {
                // Swarm is a peer, not the agent: a host where it cannot run still measures the rest; said above.
                System.out.println("swaps: smoke: Swarm rows are 'unavailable' (" + swarm.unavailable() + "); exit 0 all the same");
            }
            System.exit(broken ? 1 : 0);
        }
        String body = "In one run: " + swaps + " swaps per contender and app, after a " + steadySeconds + " s steady window"
                + " without swaps; " + String.format(Locale.ROOT, "%.0f", RATE) + " req/s of `GET /` from "
                + WORKERS_EACH + " keep-alive and " + WORKERS_EACH + " fresh-connection workers (no retries, 10 s timeout),"
                + " a 1 s pause after each swap. Load average " + loadBefore + " before, " + loadAfter + " after; took "
                + took.toMinutes() + " min.\n\n" + String.join("\n", hows) + "\n\n" + table + "\n\nPlots (latency of each"
                + " request over time, swaps as vertical lines, failures as red ticks): "
                + String.join(", ", runs.stream().filter(r -> r.plot() != null)
                .map(r -> "[" + r.contender() + ", " + r.app().title() + "](" + BenchmarkLog.relativeLink(r.plot()) + ")").toList())
                + ".\n";
        BenchmarkLog.append("swaps", swaps + " swaps per contender and app", command, body);
        System.exit(broken ? 1 : 0);
    }

    private static SwapContender agent() {
        try {
            // A 5 s probe timeout, as Swarm's healthcheck here: with 1 s the loaded machine's probes timed out in the
            // monitor window and the agent rolled a swap back (MonitorFailed).
            return new SwapContender.Agent("{path: /cgi-bin/healthz, interval: 200ms, timeout: 5s, successes: 2, deadline: 30s}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Run measure(SwapContender contender, App app, int swaps, Duration steady, Path plots) {
        if (stopping) {
            throw new IllegalStateException("stopped (a signal) before " + contender.title() + ", " + app.title());
        }
        OPEN.add(contender);
        LoadGenerator load = null;
        List<SwapContender.Swap> done = new ArrayList<>();
        int attempted = 0;
        Instant loadFrom = null;
        Instant steadyFrom = null;
        Instant swapsFrom = null;
        String error = null;
        try {
            int port = contender.deploy(app.image(0), app.body(0));
            Duration budget = steady.plus(SwapContender.SWAP_TIMEOUT.plus(PAUSE).multipliedBy(swaps)).plusMinutes(2);
            load = new LoadGenerator("127.0.0.1", port, "/", WORKERS_EACH, WORKERS_EACH, RATE, budget);
            loadFrom = Instant.now();
            load.start();
            Thread.sleep(1000); // the workers' first connections
            steadyFrom = Instant.now();
            Thread.sleep(steady.toMillis());
            swapsFrom = Instant.now();
            for (int i = 1; i <= swaps && !stopping; i++) {
                attempted++;
                SwapContender.Swap swap = contender.swap(app.image(i), app.body(i));
                done.add(swap);
                Thread.sleep(PAUSE.toMillis());
                if (swap.served() == null || swap.done() == null) {
                    // It did not swap (Swarm start-first on one node), or the tool failed the swap: the next swap's
                    // "new version" would be the one already serving, so the run ends here and says why.
                    break;
                }
            }
        } catch (Exception | AssertionError e) {
            error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            System.err.println("swaps: " + contender.title() + ", " + app.title() + " could not run: " + e);
        }
        Instant swapsTo = Instant.now();
        LoadReport report = load == null ? null : load.stop();
        contender.close();
        OPEN.remove(contender);
        Path plot = null;
        if (report != null && steadyFrom != null) {
            String name = "swaps-" + contender.slug() + "-" + app.slug();
            plot = plots == null ? BenchmarkLog.plotFile(name) : plots.resolve(name + ".png");
            List<LatencyPlot.Mark> marks = new ArrayList<>();
            for (int i = 0; i < done.size(); i++) {
                marks.add(new LatencyPlot.Mark(done.get(i).began(), done.size() <= 20 || i % 5 == 0 ? "" + (i + 1) : ""));
            }
            try {
                LatencyPlot.write(plot, contender.title() + ", app " + app.title() + ": " + done.size() + " swaps at "
                        + String.format(Locale.ROOT, "%.0f", RATE) + " req/s", loadFrom, report, marks);
            } catch (Exception e) {
                System.err.println("swaps: could not write " + plot + ": " + e);
                plot = null;
            }
        }
        return new Run(contender.title(), contender.slug(), app, done, attempted, report, steadyFrom, swapsFrom, swapsTo, error, plot);
    }

    private static String line(Run run) {
        if (run.error() != null && run.report() == null) {
            return run.contender() + ", " + run.app().title() + ": " + run.error();
        }
        return String.format(Locale.ROOT, "%s, %s: %d/%d swaps; during swaps %s failed, %s; steady %s failed, %s; median s/swap %s%s",
                run.contender(), run.app().title(), run.completed(), run.attempted(),
                run.swapsFrom() == null ? "-" : run.counts(run.swapsFrom(), run.swapsTo()).replace("*", ""),
                run.swapsFrom() == null ? "-" : ms(run.latencies(run.swapsFrom(), run.swapsTo())),
                run.counts(run.steadyFrom(), run.swapsFrom() == null ? run.swapsTo() : run.swapsFrom()).replace("*", ""),
                ms(run.latencies(run.steadyFrom(), run.swapsFrom() == null ? run.swapsTo() : run.swapsFrom())),
                run.medianServed().map(SwapsBenchmark::seconds).orElse("-"),
                run.error() == null ? "" : "; " + run.error());
    }

    static String table(List<Run> runs) {
        StringBuilder out = new StringBuilder("""
                | contender | app | swaps done | failed / total, during swaps | failed / total, steady | p50 / p99 / max, during swaps | p50 / p99 / max, steady | s per swap to new version served, median (max) | s to done, median | p99 during swaps vs the agent's | s per swap vs the agent's |
                | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
                """);
        for (Run run : runs) {
            if (run.report() == null || run.swapsFrom() == null) {
                out.append("| ").append(run.contender()).append(" | ").append(run.app().title()).append(" | ")
                        .append("could not run: ").append(run.error().replace("|", "\\|")).append(" | | | | | | | | |\n");
                continue;
            }
            Run agent = runs.stream().filter(r -> r.slug().equals("agent") && r.app().equals(run.app()) && r.report() != null
                    && r.swapsFrom() != null).findFirst().orElse(null);
            Latencies during = run.latencies(run.swapsFrom(), run.swapsTo());
            Latencies steady = run.latencies(run.steadyFrom(), run.swapsFrom());
            String versus = "";
            String swapVersus = "";
            if (agent != null && agent != run) {
                Latencies agentDuring = agent.latencies(agent.swapsFrom(), agent.swapsTo());
                versus = ratio(during.p99(), agentDuring.p99());
                swapVersus = run.medianServed().flatMap(s -> agent.medianServed().map(a -> ratio(s, a))).orElse("-");
            }
            String swapsDone = run.completed() + " / " + run.attempted()
                    + (run.completed() < run.attempted() ? " (" + run.swaps().getLast().note().replace("|", "\\|") + ")" : "")
                    + (run.error() != null ? " (stopped: " + run.error().replace("|", "\\|") + ")" : "");
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    run.contender(), run.app().title(), swapsDone,
                    run.counts(run.swapsFrom(), run.swapsTo()), run.counts(run.steadyFrom(), run.swapsFrom()),
                    ms(during), ms(steady),
                    run.medianServed().map(SwapsBenchmark::seconds).orElse("never")
                            + run.maxServed().map(m -> " (" + seconds(m) + ")").orElse(""),
                    run.medianDone().map(SwapsBenchmark::seconds).orElse("-"), versus, swapVersus));
        }
        return out.toString().strip();
    }

    private static String ms(Latencies latencies) {
        if (latencies.count() == 0) {
            return "-";
        }
        return Latencies.ms(latencies.p50()) + " / " + Latencies.ms(latencies.p99()) + " / " + Latencies.ms(latencies.max()) + " ms";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static String ratio(Duration peer, Duration agent) {
        return Latencies.ratio(peer.toNanos(), agent.toNanos());
    }

    static Optional<Duration> median(Collection<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
    }

    private static void closeAll() {
        List<AutoCloseable> open = new ArrayList<>(OPEN);
        OPEN.clear();
        for (AutoCloseable closeable : open.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("swaps: clean-up: " + e);
            }
        }
    }
}
