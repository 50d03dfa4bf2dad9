package io.driftless.schedule;

import io.driftless.desired.CronSchedule;
import io.driftless.desired.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A job on a cron schedule (a backup, a restore drill). A firing missed while the agent was down ({@code lastRun}
 * before a firing that has passed) runs once at start-up; firings missed while a run took long are not piled up.
 *
 * @param noun      what one run is called in messages: "backup of main-db" gives "a backup of main-db has been ..."
 * @param deadline  a run longer than this (or a wait for its resources longer than this) makes
 *                  {@link Scheduler#stuck()} report the agent wedged
 * @param resources what a run holds (see {@link ResourceLocks}); a due run waits until they are free
 * @param lastRun   when it last ran (from the ledger), or empty if never or unknown: nothing is caught up then
 * @param advanced  called after each run, once {@link Scheduled#nextRunAt()} holds the next firing (so whoever shows the
 *                  schedule can record it then, not a pass later); on the run's thread, outside the scheduler's lock
 */
public record CronJob(String noun, CronSchedule schedule, ZoneId zone, Duration deadline, Set<String> resources,
                      Optional<Instant> lastRun, Task task, Runnable advanced) {
    /** A job nobody needs to hear about after its runs. */
    public CronJob(String noun, CronSchedule schedule, ZoneId zone, Duration deadline, Set<String> resources,
                   Optional<Instant> lastRun, Task task) {
        this(noun, schedule, zone, deadline, resources, lastRun, task, () -> {
        });
    }

    public CronJob {
        Objects.requireNonNull(noun, "noun");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
        if (!deadline.isPositive()) {
            throw new IllegalArgumentException("the deadline of a " + noun + " must be more than 0, not " + Durations.format(deadline));
        }
        resources = Set.copyOf(resources);
        Objects.requireNonNull(lastRun, "lastRun");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(advanced, "advanced");
    }

    /** One run; it records its own outcome (a backup writes the ledger). A thrown exception is logged. */
    @FunctionalInterface
    public interface Task {
        void run() throws InterruptedException;
    }
}
