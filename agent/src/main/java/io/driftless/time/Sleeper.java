package io.driftless.time;

import java.time.Duration;

/** Waiting, injected so that tests of timing logic need no real waiting. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
