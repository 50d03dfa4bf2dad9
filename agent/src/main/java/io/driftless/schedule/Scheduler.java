package io.driftless.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The one loop for the agent's timed work. {@link #run()} is its only thread: it waits until a job is due, takes the
 * job's resources and hands the run to {@code runs} (a thread per run in the agent, so a backup can start while a
 * pass runs; the calling thread itself in tests), then waits again. Nothing polls: a request, a finished run or a
 * released resource wakes it. A failed or crashed run never ends it; only {@link #stop()} does, after the runs in
 * progress, and an interrupt.
 *
 * <p>Two clocks: {@code clock} never jumps (intervals, how long a run takes), {@code wall} is what cron means by
 * 03:00. Both are the same fake clock in tests.
 */
public final class Scheduler {
    /** A due run starts within milliseconds; this late, the loop thread is wedged or gone. */
    static final Duration LATE_START = Duration.ofMinutes(1);
    /** With nothing due sooner, the loop still looks at the wall clock this often (it may have been set). */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    /** How long an interrupted loop waits for its runs to unwind before it returns. */
    static final Duration SETTLE_AFTER_INTERRUPT = Duration.ofSeconds(10);

    /**
     * Each run on a platform thread of its own, gone when the run ends: nothing is left idle between runs. (Virtual
     * threads would keep four JDK threads alive for good, two carriers and their timers: measured on JDK 25.)
     */
    public static final Executor THREAD_PER_RUN = run -> Thread.ofPlatform().name("driftless-job").daemon(true).start(run);
    /** Each run on the scheduler's thread, one after the other: deterministic tests. */
    public static final Executor INLINE = Runnable::run;

    private final Clock clock;
    private final Clock wall;
    private final Waiter waiter;
    private final RandomGenerator random;
    private final Executor runs;
    private final ResourceLocks locks;

    // Guarded by this.
    private final List<Entry> entries = new ArrayList<>();
    private boolean stopping;
    private boolean alive;
    private Error fatal;

    public Scheduler(Clock clock, Clock wall, Waiter waiter, RandomGenerator random, Executor runs, ResourceLocks locks) {
        this.clock = clock;
        this.wall = wall;
        this.waiter = waiter;
        this.random = random;
        this.runs = runs;
        this.locks = locks;
        locks.onRelease(this::wake);
    }

    /** Registers a job that runs at once (once {@link #run()} runs), then again after each run, and when asked. */
    public synchronized <R> Requests<R> add(Repeating<R> job) {
        PeriodicEntry<R> entry = new PeriodicEntry<>(this, job, clock.instant());
        entries.add(entry);
        notifyAll();
        return entry;
    }

    /** Registers a job on a cron schedule; one whose last run missed a firing runs at once. */
    public synchronized Scheduled add(CronJob job) {
        CronEntry entry = new CronEntry(this, job, wall.instant());
        entries.add(entry);
        notifyAll();
        return entry;
    }

    /**
     * Takes a cron job out (its policy left the manifest, or its schedule changed): it never starts again; a run in
     * progress finishes first.
     */
    public synchronized void remove(Scheduled job) {
        for (Entry entry : entries) {
            if (entry == job) {
                if (entry.running) {
                    entry.removed = true;
                } else {
                    entries.remove(entry);
                }
                notifyAll();
                return;
            }
        }
    }

    /** Called under the monitor by a run that ended: a job removed while it ran goes now. */
    void ended(Entry entry) {
        if (entry.removed) {
            entries.remove(entry);
        }
    }

    /** The locks the scheduler takes for its jobs; code inside a job takes finer ones from the same. */
    public ResourceLocks locks() {
        return locks;
    }

    /** Ends {@link #run()}: no run starts after this; the runs in progress finish first. */
    public synchronized void stop() {
        stopping = true;
        notifyAll();
    }

    /** Runs jobs until {@link #stop()}, then waits for the runs in progress. */
    public void run() throws InterruptedException {
        synchronized (this) {
            if (alive) {
                throw new IllegalStateException("the scheduler runs already");
            }
            alive = true;
        }
        try {
            Runnable next;
            while ((next = nextRun()) != null) {
                runs.execute(next);
                if (Thread.interrupted()) {
                    // A run on this thread was interrupted: as when the wait is.
                    throw new InterruptedException("interrupted during a run");
                }
            }
            awaitRuns();
        } catch (InterruptedException e) {
            interruptRuns();
            // What the caller closes next (the ledger, Docker's client, the host lock) must outlive the runs.
            settle(SETTLE_AFTER_INTERRUPT);
            throw e;
        } finally {
            synchronized (this) {
                alive = false;
                entries.forEach(Entry::abandon);
            }
        }
    }

    /**
     * Why the agent should be considered wedged ({@code /healthz} answers 503), or empty while it is healthy: the
     * loop is not running, a run has taken longer than its limit, a due run has waited longer than its limit for
     * its resources, or a due run has not started within {@link #LATE_START}.
     */
    public synchronized Optional<String> stuck() {
        if (!alive) {
            return Optional.of(stopping ? "the agent is stopping" : "the poll loop is not running");
        }
        Instant now = clock.instant();
        Instant wallNow = wall.instant();
        // A run that overran comes first: the jobs it kept waiting are late because of it.
        for (boolean running : new boolean[] {true, false}) {
            for (Entry entry : entries) {
                Optional<String> why = entry.running == running ? entry.stuck(now, wallNow) : Optional.empty();
                if (why.isPresent()) {
                    return why;
                }
            }
        }
        return Optional.empty();
    }

    /** Waits until a job is due and its resources are free; the run to start, or null once stopping. */
    private synchronized Runnable nextRun() throws InterruptedException {
        while (!stopping && fatal == null) {
            Instant now = clock.instant();
            Instant wallNow = wall.instant();
            Duration wait = LONGEST_WAIT;
            for (Entry entry : entries) {
                if (entry.running) {
                    continue;
                }
                Duration left = entry.untilDue(now, wallNow);
                if (left.isPositive()) {
                    wait = left.compareTo(wait) < 0 ? left : wait;
                    continue;
                }
                Optional<ResourceLocks.Hold> hold = locks.tryAcquire(entry.holder(), entry.resources);
                if (hold.isPresent()) {
                    return entry.start(now, hold.get());
                }
                // Started when the holder releases: the release wakes this loop.
                entry.markBlocked(now);
            }
            waiter.await(this, wait);
        }
        return null;
    }

    private synchronized void awaitRuns() throws InterruptedException {
        while (entries.stream().anyMatch(e -> e.running)) {
            waiter.await(this, LONGEST_WAIT);
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    /** Waits up to {@code max} for the interrupted runs to unwind; a second interrupt ends the wait. */
    private synchronized void settle(Duration max) {
        Instant end = clock.instant().plus(max);
        while (entries.stream().anyMatch(e -> e.running)) {
            Duration left = Duration.between(clock.instant(), end);
            if (!left.isPositive()) {
                return;
            }
            try {
                waiter.await(this, left);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void interruptRuns() {
        for (Entry entry : entries) {
            if (entry.thread != null && entry.thread != Thread.currentThread()) {
                entry.thread.interrupt();
            }
        }
    }

    /** A run's body on the thread that runs it: interruptible by {@link #run()}, and an Error ends the loop. */
    <T> T runAs(Entry entry, Body<T> body) throws InterruptedException {
        synchronized (this) {
            entry.thread = Thread.currentThread();
        }
        try {
            return body.run();
        } catch (Error e) {
            synchronized (this) {
                fatal = e;
                entry.running = false;
                entry.thread = null;
                notifyAll();
            }
            throw e;
        }
    }

    @FunctionalInterface
    interface Body<T> {
        T run() throws InterruptedException;
    }

    private synchronized void wake() {
        notifyAll();
    }

    synchronized boolean stopping() {
        return stopping;
    }

    Clock clock() {
        return clock;
    }

    Clock wall() {
        return wall;
    }

    RandomGenerator random() {
        return random;
    }
}
