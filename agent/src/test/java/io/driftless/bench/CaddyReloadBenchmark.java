package io.driftless.bench;

import io.driftless.live.RouteTable;
import io.driftless.live.RouteTable.Binding;
import io.driftless.live.Slot;
import io.driftless.proxy.CaddyProxy;
import io.driftless.proxy.CaddySettings;
import io.driftless.proxy.ListenerHandover;
import io.driftless.testing.CaddyProcess;
import io.driftless.testing.LoadGenerator;
import io.driftless.testing.LoadReport;
import io.driftless.testing.Upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a route switch costs clients: a real Caddy routing to two upstreams is switched between them again and
 * again (the rendered, drain-aware config the agent loads), while clients open a fresh connection per request,
 * the kind a reload can reset. Prints requests, failures and how long each {@code /load} took, for the kernel's
 * {@code net.ipv4.tcp_migrate_req} as it is, or (as root, with {@code --both}) for 0 and then 1, restoring the
 * setting afterwards. Run by hand: {@code scripts/bench.sh caddy-reload [--both] [--reloads N] [--workers N]
 * [--rate R] [--shutdown-delay S]}.
 */
public final class CaddyReloadBenchmark {
    private CaddyReloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reloads = 50;
        int workers = 6;
        double rate = 300;
        Duration shutdownDelay = CaddySettings.DEFAULT_SHUTDOWN_DELAY;
        boolean both = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reloads" -> reloads = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--shutdown-delay" -> shutdownDelay = Duration.ofMillis(Math.round(Double.parseDouble(args[++i]) * 1000));
                case "--both" -> both = true;
                case "--smoke" -> reloads = 2;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--both] [--reloads N] [--workers N] [--rate R] [--shutdown-delay SECONDS] [--smoke]");
            }
        }
        String original = setting();
        System.out.printf(Locale.ROOT, "caddy-reload: %d reloads, %d clients opening a fresh connection per request at %.0f req/s"
                + " in all, shutdown delay %s; kernel %s%n", reloads, workers, rate, shutdownDelay,
                System.getProperty("os.version"));
        if (!both) {
            run(original, reloads, workers, rate, shutdownDelay);
            return;
        }
        // Put the host's setting back however the run ends, Ctrl-C included (a signal skips finally blocks).
        Thread restore = new Thread(() -> {
            try {
                write(original);
            } catch (IOException e) {
                System.err.println("caddy-reload: could not restore net.ipv4.tcp_migrate_req=" + original + ": " + e);
            }
        }, "restore-tcp_migrate_req");
        Runtime.getRuntime().addShutdownHook(restore);
        for (String value : List.of("0", "1")) {
            write(value);
            run(value, reloads, workers, rate, shutdownDelay);
        }
    }

    private static void run(String setting, int reloads, int workers, double rate, Duration shutdownDelay) throws Exception {
        try (CaddyProcess caddy = CaddyProcess.startOnAnyHost("bench-caddy-reload");
             Upstream v1 = new Upstream("app v1");
             Upstream v2 = new Upstream("app v2")) {
            int port = CaddyProcess.freePort();
            CaddyProxy proxy = new CaddyProxy(CaddySettings.defaults(caddy.adminUri()).withShutdownDelay(shutdownDelay));
            proxy.apply(table(port, Slot.BLUE, v1));
            Duration budget = shutdownDelay.plusSeconds(1).multipliedBy(reloads).plusMinutes(2);
            LoadGenerator load = new LoadGenerator("127.0.0.1", port, "/", 0, workers, rate, budget);
            List<Long> loadMillis = new ArrayList<>();
            load.start();
            Thread.sleep(500);
            for (int i = 0; i < reloads; i++) {
                long began = System.nanoTime();
                proxy.apply(i % 2 == 0 ? table(port, Slot.GREEN, v2) : table(port, Slot.BLUE, v1));
                loadMillis.add((System.nanoTime() - began) / 1_000_000);
                Thread.sleep(100);
            }
            LoadReport report = load.stop();
            long resets = report.failures().stream().filter(f -> f.cause().contains("reset")).count();
            loadMillis.sort(null);
            System.out.printf(Locale.ROOT, "caddy-reload: tcp_migrate_req=%s: %d requests in %.1f s (%.0f req/s), %d failed"
                            + " (%d resets) = %.1f per 100 reloads; /load took p50 %d ms, p95 %d ms, max %d ms%n",
                    setting, report.total(), report.elapsed().toMillis() / 1000.0, report.requestsPerSecond(),
                    report.failed(), resets, 100.0 * report.failed() / reloads, percentile(loadMillis, 50),
                    percentile(loadMillis, 95), loadMillis.getLast());
            report.failures().stream().limit(3).forEach(f -> System.out.println("caddy-reload:   e.g. " + f.cause()));
        }
    }

    private static RouteTable table(int port, Slot slot, Upstream upstream) {
        return new RouteTable(List.of("127.0.0.1:" + port), "off",
                List.of(new Binding("web", slot, upstream.address(), null, null)));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String setting() throws IOException {
        return Files.exists(ListenerHandover.SETTING) ? Files.readString(ListenerHandover.SETTING).strip() : "absent";
    }

    private static void write(String value) throws IOException {
        if (value.equals("absent")) {
            return;
        }
        Files.writeString(ListenerHandover.SETTING, value + "\n");
    }
}
