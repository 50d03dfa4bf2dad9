package io.driftless.schedule;

import io.driftless.testing.FakeClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Waiter} that waits no real time: it records each wait, runs what "happens meanwhile" in the test, then
 * moves the fake clock by the whole wait.
 */
final class FakeWaiter implements Waiter {
    final List<Duration> waits = new ArrayList<>();
    private final FakeClock clock;
    Runnable meanwhile = () -> {
    };

    FakeWaiter(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void await(Object monitor, Duration max) {
        waits.add(max);
        meanwhile.run();
        clock.sleep(max);
    }
}
