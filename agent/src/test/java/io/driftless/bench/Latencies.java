package io.driftless.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * Latency percentiles of a set of requests, nearest-rank (p99 of 100 samples is the 99th smallest), so a
 * figure is always one a request really took. Empty sets report zeros and say so in {@link #toString()}.
 */
public record Latencies(int count, Duration p50, Duration p99, Duration max) {
    public static Latencies of(Collection<Duration> samples) {
        long[] nanos = samples.stream().mapToLong(Duration::toNanos).sorted().toArray();
        if (nanos.length == 0) {
            return new Latencies(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        return new Latencies(nanos.length, Duration.ofNanos(rank(nanos, 0.50)), Duration.ofNanos(rank(nanos, 0.99)),
                Duration.ofNanos(nanos[nanos.length - 1]));
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Milliseconds with one decimal below 100 ms and none above, e.g. {@code 5.9} or {@code 1204}. */
    public static String ms(Duration duration) {
        double ms = duration.toNanos() / 1e6;
        return ms < 100 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }

    /** {@code ratio(peer, agent)}: how many times the agent's figure the peer's is, e.g. {@code 3.2×}. */
    public static String ratio(double peer, double agent) {
        if (agent == 0) {
            return peer == 0 ? "1.0×" : "∞";
        }
        return String.format(Locale.ROOT, "%.1f×", peer / agent);
    }

    @Override
    public String toString() {
        return count == 0 ? "no requests" : "p50 " + ms(p50) + " ms, p99 " + ms(p99) + " ms, max " + ms(max) + " ms (" + count + ")";
    }
}
