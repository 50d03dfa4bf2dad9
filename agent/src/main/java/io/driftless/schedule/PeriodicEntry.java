package io.driftless.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Repeating} job in the scheduler. Requests that arrive while a run is in progress are folded into ONE
 * next run: a burst of pushes costs one fetch, not one per push. A run that could not finish (Git, Docker or Caddy
 * unreachable) is followed by an exponential, jittered backoff instead of the interval, reset by the next run that
 * finished, so a dead remote is not hammered.
 */
final class PeriodicEntry<R> extends Entry implements Requests<R> {
    private static final Logger log = LoggerFactory.getLogger("driftless");

    private final Repeating<R> job;
    private final RetryDelay backoff;

    // Guarded by the scheduler.
    private Instant dueAt;
    private Queued<R> queued;
    private int errorsInRow;

    /** The runs asked for but not started yet: one run serves them all. */
    private static final class Queued<R> {
        boolean retry;
        final List<CompletableFuture<R>> waiters = new ArrayList<>();
    }

    PeriodicEntry(Scheduler scheduler, Repeating<R> job, Instant now) {
        super(scheduler, job.noun(), job.limitName(), job.timing().stuckAfter(), job.resources());
        this.job = job;
        this.backoff = new RetryDelay(job.timing().backoffStart(), job.timing().backoffCap());
        this.dueAt = now;
    }

    @Override
    public CompletableFuture<R> request(boolean retry) {
        CompletableFuture<R> result = new CompletableFuture<>();
        synchronized (scheduler) {
            if (!scheduler.stopping()) {
                if (queued == null) {
                    queued = new Queued<>();
                }
                queued.retry |= retry;
                queued.waiters.add(result);
                scheduler.notifyAll();
                return result;
            }
        }
        result.complete(job.results().notRun());
        return result;
    }

    @Override
    Duration untilDue(Instant now, Instant wallNow) {
        return queued != null ? Duration.ZERO : Duration.between(now, dueAt);
    }

    @Override
    Duration lateBy(Instant now, Instant wallNow) {
        return Duration.between(dueAt, now);
    }

    @Override
    Runnable start(Instant now, ResourceLocks.Hold hold) {
        Queued<R> asked = queued;
        queued = null;
        markStarted(now);
        return () -> run(asked, hold);
    }

    @Override
    void abandon() {
        Queued<R> left = queued;
        queued = null;
        complete(left, job.results().notRun());
    }

    private void run(Queued<R> asked, ResourceLocks.Hold hold) {
        R result;
        try {
            result = scheduler.runAs(this, () -> runOnce(asked != null && asked.retry));
        } catch (InterruptedException e) {
            finished(hold, null);
            complete(asked, job.results().notRun());
            Thread.currentThread().interrupt();
            return;
        }
        Next next = finished(hold, result);
        complete(asked, result);
        if (next.errorsInRow() > 0) {
            log.warn("commit -: the {} could not finish ({}); next try in {}s (failure {} in a row, backing off up to {}s)",
                    noun, job.results().couldNotFinish(result).orElse("?"), next.delay().toMillis() / 1000.0,
                    next.errorsInRow(), job.timing().backoffCap().toSeconds());
        }
    }

    private R runOnce(boolean retry) throws InterruptedException {
        try {
            return job.task().run(retry);
        } catch (RuntimeException e) {
            // Unexpected: keep the stack trace, keep running, back off as for any other error.
            log.error("commit -: unexpected error in a {}; trying again later", noun, e);
            return job.results().crashed(e);
        }
    }

    private record Next(Duration delay, int errorsInRow) {
    }

    /** Releases the run's resources and sets the next due time; null {@code result}: the run was interrupted. */
    private Next finished(ResourceLocks.Hold hold, R result) {
        hold.close();
        synchronized (scheduler) {
            running = false;
            thread = null;
            if (result != null) {
                errorsInRow = job.results().couldNotFinish(result).isPresent() ? errorsInRow + 1 : 0;
            }
            Duration next = delay();
            dueAt = scheduler.clock().instant().plus(next);
            scheduler.notifyAll();
            return new Next(next, errorsInRow);
        }
    }

    /** The wait before the next scheduled run: the interval plus jitter, or the backoff after errors. */
    private Duration delay() {
        if (errorsInRow > 0) {
            return backoff.after(errorsInRow, scheduler.random());
        }
        Duration jitter = job.timing().jitter();
        return job.timing().interval().plusMillis(jitter.isZero() ? 0 : scheduler.random().nextLong(jitter.toMillis() + 1));
    }

    private static <R> void complete(Queued<R> asked, R result) {
        if (asked != null) {
            asked.waiters.forEach(w -> w.complete(result));
        }
    }
}
