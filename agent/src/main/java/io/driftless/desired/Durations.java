package io.driftless.desired;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written the Go way ({@code 500ms}, {@code 1s}, {@code 1m30s}, {@code 2h}), as Docker and Caddy users know them. */
public final class Durations {
    static final String EXAMPLE = "write it like 5s, 500ms or 1m30s";
    /** Longer than a day is never meant for a health gate or a rollout window, and it keeps the sums in range. */
    static final Duration MAX = Duration.ofHours(24);

    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:\\.[0-9]+)?(?:ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private Durations() {
    }

    /** @throws IllegalArgumentException with a sentence for the user when {@code text} is not a usable duration */
    public static Duration parse(String text) {
        String shown = Values.quoted(text);
        if (text.startsWith("-")) {
            throw new IllegalArgumentException(shown + " is negative; a duration must be 0 or more, " + EXAMPLE);
        }
        if (text.matches("[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException(shown + " has no unit; " + EXAMPLE
                    + " (units: ms, s, m, h)");
        }
        if (text.length() > 64 || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(shown + " is not a duration; " + EXAMPLE);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
            if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
                throw new IllegalArgumentException(shown + " is longer than the limit of 24h");
            }
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** The Go-style spelling, for messages and Caddy's config: 90s -> "1m30s", 2.5s -> "2s500ms". */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            // The parts of a negative Duration do not share its sign (-0.5s is -1s plus 500ms).
            return "-" + format(duration.negated());
        }
        StringBuilder out = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0) {
            out.append(seconds).append('s');
        }
        if (millis > 0) {
            out.append(millis).append("ms");
        }
        int nanos = duration.toNanosPart() % 1_000_000;
        if (nanos > 0) {
            out.append(nanos).append("ns");
        }
        return out.toString();
    }
}
