package io.driftless.testing;

import io.driftless.time.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when the code under test sleeps; it is also that code's {@link Sleeper}. */
public final class FakeClock extends Clock implements Sleeper {
    private Instant now;

    public FakeClock(Instant start) {
        this.now = start;
    }

    public FakeClock() {
        this(Instant.parse("2026-11-21T03:00:00Z"));
    }

    @Override
    public synchronized void sleep(Duration duration) {
        now = now.plus(duration);
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }
}
