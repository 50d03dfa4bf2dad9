package io.driftless.plan;

import java.time.Duration;

/** Durations the way the manifest writes them: 1m30s, 10s, 500ms. */
public final class Durations {
    private Durations() {
    }

    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int ms = d.toMillisPart();
        if (h > 0) out.append(h).append('h');
        if (m > 0) out.append(m).append('m');
        if (s > 0) out.append(s).append('s');
        if (ms > 0) out.append(ms).append("ms");
        return out.toString();
    }
}
