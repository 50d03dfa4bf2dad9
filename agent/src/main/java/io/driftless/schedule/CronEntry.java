package io.driftless.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A {@link CronJob} in the scheduler: due at its schedule's next firing, on the wall clock. */
final class CronEntry extends Entry implements Scheduled {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    static final String LIMIT_NAME = "its deadline";

    private final CronJob job;

    // Guarded by the scheduler.
    private Instant dueAt;

    CronEntry(Scheduler scheduler, CronJob job, Instant wallNow) {
        super(scheduler, job.noun(), LIMIT_NAME, job.deadline(), job.resources());
        this.job = job;
        Optional<Instant> missed = job.lastRun().flatMap(last -> job.schedule().missedSince(last, wallNow, job.zone()));
        if (missed.isPresent()) {
            log.info("commit -: the {} due at {} did not run (the agent was not running); running it now", noun, missed.get());
            this.dueAt = wallNow;
        } else {
            this.dueAt = job.schedule().next(wallNow, job.zone());
        }
    }

    @Override
    public Instant nextRunAt() {
        synchronized (scheduler) {
            return dueAt;
        }
    }

    @Override
    Duration untilDue(Instant now, Instant wallNow) {
        return Duration.between(wallNow, dueAt);
    }

    @Override
    Duration lateBy(Instant now, Instant wallNow) {
        return Duration.between(dueAt, wallNow);
    }

    @Override
    Runnable start(Instant now, ResourceLocks.Hold hold) {
        markStarted(now);
        return () -> run(hold);
    }

    private void run(ResourceLocks.Hold hold) {
        RuntimeException failure = null;
        boolean interrupted = false;
        try {
            scheduler.runAs(this, () -> {
                job.task().run();
                return null;
            });
        } catch (RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            interrupted = true;
        }
        hold.close();
        Instant next;
        synchronized (scheduler) {
            running = false;
            thread = null;
            // Firings that passed while it ran are not piled up: the next one is after now.
            Instant wallNow = scheduler.wall().instant();
            next = job.schedule().next(wallNow.isAfter(dueAt) ? wallNow : dueAt, job.zone());
            dueAt = next;
            scheduler.ended(this);
            scheduler.notifyAll();
        }
        if (failure != null) {
            log.error("commit -: unexpected error in a {}; the next one is due at {}", noun, next, failure);
        }
        try {
            job.advanced().run();
        } catch (RuntimeException e) {
            log.error("commit -: unexpected error after a {}; the next one is due at {}", noun, next, e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
