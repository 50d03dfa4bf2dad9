package io.driftless.schedule;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A job that runs at once, then again after each run ({@link Periodic}), and early when asked
 * ({@link Requests#request}); the reconcile pass is one.
 *
 * @param noun      what one run is called in messages: "pass" gives "a pass has been running for ..."
 * @param limitName what {@code timing.stuckAfter()} is called in messages ("--stuck-after")
 * @param resources what a run holds (see {@link ResourceLocks}); a run waits until they are free
 * @param <R>       what a run returns; requests are answered with it
 */
public record Repeating<R>(String noun, String limitName, Periodic timing, Set<String> resources, Task<R> task,
                           Results<R> results) {
    public Repeating {
        Objects.requireNonNull(noun, "noun");
        Objects.requireNonNull(limitName, "limitName");
        Objects.requireNonNull(timing, "timing");
        resources = Set.copyOf(resources);
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(results, "results");
    }

    /** One run. {@code retry}: one of the requests it serves asked to try again what failed before. */
    @FunctionalInterface
    public interface Task<R> {
        R run(boolean retry) throws InterruptedException;
    }

    /** How the scheduler reads a run's result, and what stands in for a run that threw or never happened. */
    public interface Results<R> {
        /** Why the run could not finish (the next one backs off), or empty when it did its work. */
        Optional<String> couldNotFinish(R result);

        /** A run that threw {@code e} (logged with its stack trace; the job goes on, backing off). */
        R crashed(RuntimeException e);

        /** The answer to a request that no run will serve: the scheduler is stopping. */
        R notRun();
    }
}
