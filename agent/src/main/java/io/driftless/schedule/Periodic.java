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

    /** {@code --jitter}'s default is at most this. */
    public static final Duration JITTER_CAP = Duration.ofSeconds(3);

    /**
     * The agent's backoff: from 5s (or the interval, if shorter), doubling, up to 5 minutes.
     *
     * @param jitter {@code --jitter} as given, or null for its default, {@link #defaultJitter}
     */
    public static Periodic of(Duration interval, Duration jitter, Duration stuckAfter) {
        Duration start = interval.compareTo(BACKOFF_START) < 0 ? interval : BACKOFF_START;
        return new Periodic(interval, jitter == null ? defaultJitter(interval) : jitter, start, BACKOFF_CAP, stuckAfter);
    }

    /**
     * {@code --jitter} when it is not given: a tenth of the interval, at most 3s (30s and longer: 3s; 1s: 100ms), so
     * a short interval is not stretched by a wait as long as itself or longer.
     */
    public static Duration defaultJitter(Duration interval) {
        Duration tenth = interval.dividedBy(10);
        return tenth.compareTo(JITTER_CAP) < 0 ? tenth : JITTER_CAP;
    }
}
