package io.driftless.schedule;

import java.time.Duration;

/**
 * Waits on {@code monitor} (held by the caller) until it is notified or {@code max} has passed. Not a
 * {@link io.driftless.time.Sleeper}: a request, a finished job or a released resource must be able to cut the wait
 * short. Tests pass one that moves a fake clock instead.
 */
@FunctionalInterface
public interface Waiter {
    Waiter REAL = (monitor, max) -> monitor.wait(Math.max(1, max.toMillis()));

    void await(Object monitor, Duration max) throws InterruptedException;
}
