package io.driftless.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.bench.BenchAgent.Event;
import io.driftless.bench.BenchAgent.Push;
import io.driftless.testing.AppImages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's own overhead per rollout (issue 9, item 4), from its own timestamps: N good rollouts, each caused by a
 * signed webhook, of an app ready at once and of one whose health check answers 503 for a fixed boot time, split
 * from the webhook's arrival (its log line) into fetch (→ tip seen), plan (→ rollout started), then the ledger's
 * steps ({@code history --json}): create + start, first healthy probe and gate, switch, monitor, drain, retire. The
 * agent's share is everything but the app's own start-up and the configured waits: the gate's further successes
 * ({@code (successes − 1) × interval}), Caddy's shutdown delay (its {@code /load} answers once the replaced server
 * has drained), the monitor window and the drain. Docker's own create/start/stop time is in the agent's share.
 * Run by hand: {@code scripts/bench.sh overhead [--rollouts N] [--boot S] [--smoke]}.
 */
public final class OverheadBenchmark {
    static final Duration HEALTH_INTERVAL = Duration.ofMillis(200);
    static final int SUCCESSES = 2;
    static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(2);
    static final Duration MONITOR = Duration.ofSeconds(1);
    /** What the drain step sleeps: the longer of drain (1s) and the shutdown delay + 1s. */
    static final Duration DRAIN = Duration.ofSeconds(3);
    static final List<String> PHASES = List.of("fetch", "plan", "create + start", "first healthy probe", "gate", "switch",
            "monitor", "drain", "retire");

    private OverheadBenchmark() {
    }

    /** One rollout's phases, raw and less their configured waits (the agent's share), and push seen → traffic moved. */
    record Rollout(Map<String, Duration> raw, Map<String, Duration> share, Duration seenToMoved) {
        Duration shareTotal() {
            return share.values().stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    record Kind(String name, String tagSuffix, Duration boot) {
    }

    public static void main(String[] args) throws Exception {
        int rollouts = 20;
        int boot = 8;
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rollouts" -> rollouts = Integer.parseInt(args[++i]);
                case "--boot" -> boot = Integer.parseInt(args[++i]);
                case "--smoke" -> smoke = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: [--rollouts N] [--boot S] [--smoke]");
            }
        }
        List<Kind> kinds = List.of(new Kind("app ready at once", "", Duration.ZERO),
                new Kind("app that boots for " + boot + " s", "-slow" + boot, Duration.ofSeconds(boot)));
        if (smoke) {
            rollouts = 1;
            kinds = kinds.subList(0, 1);
        }
        System.out.printf(Locale.ROOT, "overhead: %d good rollouts per app, each from a signed webhook%n", rollouts);
        StringBuilder tables = new StringBuilder();
        boolean complete = true;
        for (Kind kind : kinds) {
            List<Rollout> measured = run(kind, rollouts, Files.createTempDirectory("bench-overhead-"));
            complete &= measured.size() == rollouts;
            String table = table(kind, measured);
            System.out.println(table);
            tables.append(table).append('\n');
        }
        if (!complete) {
            System.err.println("overhead: some rollouts were not measured (see above)");
            System.exit(1);
        }
        if (!smoke) {
            BenchmarkLog.append("overhead", rollouts + " good rollouts per app, each from a signed webhook, no load",
                    BenchmarkLog.command("overhead", args), "Phases from the agent's JSON log (webhook → tip seen → rollout"
                            + " started) and the ledger's steps (`history --json`); \"first healthy probe\" is the health step"
                            + " less the gate's further successes. The agent's share keeps Docker's own create/start/stop time;"
                            + " the plain-API row beside it is Docker alone on the same machine.\n\n" + tables);
        }
    }

    static List<Rollout> run(Kind kind, int rollouts, Path dir) throws Exception {
        String v1 = "v1" + kind.tagSuffix(), v2 = "v2" + kind.tagSuffix();
        String deadline = (kind.boot().toSeconds() + 20) + "s";
        try (BenchAgent bench = new BenchAgent(dir, "overhead", v1, v2)) {
            Push first = bench.push("web " + v1, BenchAgent.web(v1, deadline));
            bench.start(first.revision(), "--interval", "1h");
            List<Push> pushes = new ArrayList<>();
            for (int i = 0; i < rollouts; i++) {
                String tag = i % 2 == 0 ? v2 : v1;
                Push push = bench.push("web " + tag + " (rollout " + (i + 1) + ")", BenchAgent.web(tag, deadline));
                if (bench.hook(push.revision()) != 202) {
                    throw new IllegalStateException("the webhook was not accepted:\n" + bench.log());
                }
                if (bench.awaitStatus(s -> BenchAgent.applied(s, push.revision()), Duration.ofSeconds(120)).isEmpty()) {
                    System.err.printf("  %s: %s was not applied within 120 s%n", kind.name(), push.revision());
                    break;
                }
                pushes.add(push);
                System.out.printf(Locale.ROOT, "  %s: rollout %d applied%n", kind.name(), i + 1);
            }
            dockerFloor.clear();
            for (int i = 0; i < 3; i++) {
                dockerFloor.add(DockerFloor.createAndStart(AppImages.ref(v1), bench.host.instance + "-floor-" + i));
            }
            List<Event> events = bench.events();
            JsonNode history = bench.history(rollouts + 5);
            List<Rollout> out = new ArrayList<>();
            for (Push push : pushes) {
                phases(kind, push, events, history).ifPresentOrElse(out::add,
                        () -> System.err.printf("  %s: no timings for %s%n", kind.name(), push.revision()));
            }
            return out;
        }
    }

    /** Plain Docker API create + start of the same image, while the agent is idle: the floor under "create + start". */
    static final List<Duration> dockerFloor = new ArrayList<>();

    static Optional<Rollout> phases(Kind kind, Push push, List<Event> events, JsonNode history) {
        Optional<Instant> hook = events.stream().filter(e -> e.event() == null && e.message().startsWith("webhook from")
                && !e.at().isBefore(push.at().minusMillis(1))).map(Event::at).findFirst();
        Optional<Event> tip = BenchAgent.first(events, "TipSeen", push.revision(), push.at());
        Optional<Event> started = BenchAgent.first(events, "RolloutStarted", push.revision(), push.at());
        JsonNode rollout = null;
        for (JsonNode r : history) {
            if (push.revision().equals(r.path("revision").asText())) {
                rollout = r;
            }
        }
        if (hook.isEmpty() || tip.isEmpty() || started.isEmpty() || rollout == null) {
            return Optional.empty();
        }
        Map<String, Duration> raw = new LinkedHashMap<>();
        raw.put("fetch", Duration.between(hook.get(), tip.get().at()));
        raw.put("plan", Duration.between(tip.get().at(), started.get().at()));
        Instant moved = null;
        for (JsonNode step : rollout.path("steps")) {
            String name = step.path("name").asText();
            Duration took = Duration.ofMillis(step.path("durationMs").asLong());
            String phase = name.startsWith("start ") ? "create + start" : name.startsWith("wait until") ? "await"
                    : name.startsWith("switch routes") ? "switch" : name.startsWith("monitor") ? "monitor"
                    : name.startsWith("drain") ? "drain" : name.startsWith("retire") ? "retire" : name;
            if (phase.equals("await")) {
                // The gate passes at the SUCCESSES-th healthy probe in a row, each an interval after the last.
                Duration gate = HEALTH_INTERVAL.multipliedBy(SUCCESSES - 1);
                raw.merge("first healthy probe", took.minus(gate), Duration::plus);
                raw.merge("gate", gate, Duration::plus);
            } else {
                raw.merge(phase, took, Duration::plus);
            }
            if (phase.equals("switch")) {
                moved = Instant.parse(step.path("finishedAt").asText());
            }
        }
        Map<String, Duration> share = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> e : raw.entrySet()) {
            Duration waits = switch (e.getKey()) {
                case "first healthy probe" -> kind.boot();
                case "gate" -> e.getValue();
                case "switch" -> SHUTDOWN_DELAY;
                case "monitor" -> MONITOR;
                case "drain" -> DRAIN;
                default -> Duration.ZERO;
            };
            Duration left = e.getValue().minus(waits);
            share.put(e.getKey(), left.isNegative() ? Duration.ZERO : left);
        }
        return Optional.of(new Rollout(raw, share, moved == null ? null : Duration.between(hook.get(), moved)));
    }

    static String table(Kind kind, List<Rollout> rollouts) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s, %d rollouts (ms):%n%n", kind.name(), rollouts.size()));
        out.append("| phase | median | p90 | configured wait / app start-up taken out | agent share median | agent share p90 |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        for (String phase : PHASES) {
            List<Duration> raw = rollouts.stream().map(r -> r.raw().getOrDefault(phase, Duration.ZERO)).toList();
            List<Duration> share = rollouts.stream().map(r -> r.share().getOrDefault(phase, Duration.ZERO)).toList();
            String taken = switch (phase) {
                case "first healthy probe" -> kind.boot().isZero() ? "—" : "app start-up " + kind.boot().toSeconds() + " s";
                case "gate" -> "(successes − 1) × interval = " + HEALTH_INTERVAL.multipliedBy(SUCCESSES - 1).toMillis() + " ms";
                case "switch" -> "Caddy's shutdown delay 2 s";
                case "monitor" -> "monitor window 1 s";
                case "drain" -> "drain: max(1 s, shutdown delay + 1 s) = 3 s";
                default -> "—";
            };
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d |%n", phase, ms(raw, 50), ms(raw, 90), taken,
                    ms(share, 50), ms(share, 90)));
        }
        List<Duration> moved = rollouts.stream().map(Rollout::seenToMoved).filter(java.util.Objects::nonNull).toList();
        List<Duration> total = rollouts.stream().map(Rollout::shareTotal).toList();
        out.append(String.format(Locale.ROOT, "| create + start by plain Docker API calls (curl, same image, %d runs) | %d | %d | | | |%n",
                dockerFloor.size(), ms(dockerFloor, 50), ms(dockerFloor, 90)));
        out.append(String.format(Locale.ROOT, "| **push seen → traffic moved** | %d | %d | | | |%n", ms(moved, 50), ms(moved, 90)));
        out.append(String.format(Locale.ROOT, "| **agent share, all phases** | | | | **%d** | **%d** |%n", ms(total, 50), ms(total, 90)));
        return out.toString();
    }

    /** The nearest-rank percentile in milliseconds, or -1 for none. */
    static long ms(List<Duration> values, int percentile) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)).toMillis();
    }
}
