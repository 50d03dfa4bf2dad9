package io.driftless.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One registered job's state in the {@link Scheduler}: when it is due, whether it runs, since when it waits for
 * its resources. Every field is guarded by the scheduler's monitor.
 */
abstract class Entry {
    final Scheduler scheduler;
    final String noun;
    final String limitName;
    final Duration deadline;
    final Set<String> resources;

    boolean running;
    /** Removed while it ran: the run's end takes it out of the scheduler. */
    boolean removed;
    Instant startedAt;
    Instant blockedSince;
    Thread thread;

    Entry(Scheduler scheduler, String noun, String limitName, Duration deadline, Set<String> resources) {
        this.scheduler = scheduler;
        this.noun = noun;
        this.limitName = limitName;
        this.deadline = deadline;
        this.resources = resources;
    }

    /** How long until it is due; zero or less when it is. {@code now} is monotonic, {@code wallNow} the wall clock. */
    abstract Duration untilDue(Instant now, Instant wallNow);

    /** How long ago its scheduled time passed (negative before), requests aside. */
    abstract Duration lateBy(Instant now, Instant wallNow);

    /**
     * Marks it running and returns the run, to be started outside the monitor. The run releases {@code hold} and
     * tells the scheduler when it ends.
     */
    abstract Runnable start(Instant now, ResourceLocks.Hold hold);

    /** The scheduler stops: answers whoever still waits for a run. Called under the monitor. */
    void abandon() {
    }

    /** What holds its resources, in {@link ResourceLocks}: "the pass". */
    String holder() {
        return "the " + noun;
    }

    void markStarted(Instant now) {
        running = true;
        startedAt = now;
        blockedSince = null;
    }

    void markBlocked(Instant now) {
        if (blockedSince == null) {
            blockedSince = now;
        }
    }

    /** Why this job makes the agent look wedged, or empty. */
    Optional<String> stuck(Instant now, Instant wallNow) {
        if (running) {
            Duration took = Duration.between(startedAt, now);
            return took.compareTo(deadline) > 0
                    ? Optional.of("a " + noun + " has been running for " + took.toSeconds() + "s (more than " + limitName + " "
                    + deadline.toSeconds() + "s)")
                    : Optional.empty();
        }
        if (blockedSince != null) {
            Duration waited = Duration.between(blockedSince, now);
            return waited.compareTo(deadline) > 0
                    ? Optional.of("the next " + noun + " has waited " + waited.toSeconds() + "s for its resources ("
                    + scheduler.locks().describe(resources) + ")")
                    : Optional.empty();
        }
        Duration late = lateBy(now, wallNow);
        return late.compareTo(Scheduler.LATE_START) > 0
                ? Optional.of("the next " + noun + " was due " + late.toSeconds() + "s ago and has not started")
                : Optional.empty();
    }
}
