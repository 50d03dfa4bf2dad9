package io.driftless.schedule;

import io.driftless.desired.Durations;
import java.time.Duration;

/**
 * When a {@link Repeating} job runs again: {@code interval} plus up to {@code jitter} after its last run ended, or,
 * after runs that could not finish, an exponential backoff from {@code backoffStart} up to {@code backoffCap}.
 *
 * @param stuckAfter a run longer than this makes {@link Scheduler#stuck()} report the agent wedged
 */
public record Periodic(Duration interval, Duration jitter, Duration backoffStart, Duration backoffCap, Duration stuckAfter) {
    public static final Duration BACKOFF_START = Duration.ofSeconds(5);
    public static final Duration BACKOFF_CAP = Duration.ofMinutes(5);

    public Periodic {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--interval must be more than 0, not " + Durations.format(interval));
        }
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("--jitter must not be negative");
        }
    }

    /** The agent's backoff: from 5s (or the interval, if shorter), doubling, up to 5 minutes. */
    public static Periodic of(Duration interval, Duration jitter, Duration stuckAfter) {
        Duration start = interval.compareTo(BACKOFF_START) < 0 ? interval : BACKOFF_START;
        return new Periodic(interval, jitter, start, BACKOFF_CAP, stuckAfter);
    }
}
