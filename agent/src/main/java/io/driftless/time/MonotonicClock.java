package io.driftless.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that never jumps: the wall time at creation plus {@link System#nanoTime()} elapsed since. For waits and
 * "how long ago" checks, so an NTP step or a suspended VM does not make the agent poll early or go silent.
 */
public final class MonotonicClock extends Clock {
    private final Instant origin = Instant.now();
    private final long originNanos = System.nanoTime();

    @Override
    public Instant instant() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
