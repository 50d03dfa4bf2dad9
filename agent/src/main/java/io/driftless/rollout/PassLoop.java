package io.driftless.rollout;

import io.github.resilience4j.core.IntervalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * The schedule of {@code driftless run}: one pass at a time, every {@code interval} plus up to {@code jitter}, and
 * early when someone asks (a webhook, {@code POST /reconcile}). Requests that arrive while a pass runs are folded
 * into ONE next pass: a burst of pushes costs one fetch, not one per push. A pass that ended in {@code ERROR} (Git,
 * Docker or Caddy unreachable) is followed by an exponential, jittered backoff instead of the interval, reset by the
 * next pass that reaches the host, so a dead remote is not hammered. It never ends on a failed pass; only
 * {@link #stop()} (after the pass in progress) or an interrupt ends it.
 */
public final class PassLoop {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    /** A due pass starts within milliseconds; this late, the loop thread is wedged or gone. */
    static final Duration LATE_START = Duration.ofMinutes(1);

    /** One pass; {@code Reconciler::pass} in the agent, a fake in tests. */
    @FunctionalInterface
    public interface Pass {
        Reconciler.PassResult run(boolean retry) throws InterruptedException;
    }

    /**
     * Waits on {@code monitor} (held by the caller) until it is notified or {@code max} has passed. Not a
     * {@link io.driftless.time.Sleeper}: a request must be able to cut the wait short.
     */
    @FunctionalInterface
    public interface Waiter {
        Waiter REAL = (monitor, max) -> monitor.wait(Math.max(1, max.toMillis()));

        void await(Object monitor, Duration max) throws InterruptedException;
    }

    /**
     * @param stuckAfter a pass running longer than this makes {@link #stuck()} report the agent wedged
     */
    public record Settings(Duration interval, Duration jitter, Duration backoffStart, Duration backoffCap, Duration stuckAfter) {
        public static final Duration BACKOFF_START = Duration.ofSeconds(5);
        public static final Duration BACKOFF_CAP = Duration.ofMinutes(5);

        public Settings {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("--interval must be more than 0, not " + interval);
            }
            if (jitter.isNegative()) {
                throw new IllegalArgumentException("--jitter must not be negative");
            }
        }

        /** The agent's backoff: from 5s (or the interval, if shorter), doubling, up to 5 minutes. */
        public static Settings of(Duration interval, Duration jitter, Duration stuckAfter) {
            Duration start = interval.compareTo(BACKOFF_START) < 0 ? interval : BACKOFF_START;
            return new Settings(interval, jitter, start, BACKOFF_CAP, stuckAfter);
        }
    }

    private final Pass pass;
    private final Settings settings;
    private final Clock clock;
    private final Waiter waiter;
    private final RandomGenerator random;
    private final IntervalFunction backoff;

    // Guarded by this.
    private boolean stopping;
    private boolean alive;
    private Queued queued;
    private boolean running;
    private Instant passStartedAt;
    private Instant dueAt;
    private int errorsInRow;

    public PassLoop(Pass pass, Settings settings, Clock clock, Waiter waiter, RandomGenerator random) {
        this.pass = pass;
        this.settings = settings;
        this.clock = clock;
        this.waiter = waiter;
        this.random = random;
        // randomization 0.5: each wait is 50%..150% of the doubled value, so agents that failed together spread out.
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.backoffStart(), 2.0, 0.5, settings.backoffCap());
        this.dueAt = clock.instant();
    }

    /** The passes asked for but not started yet: one pass serves them all. */
    private static final class Queued {
        boolean retry;
        final List<CompletableFuture<Reconciler.PassResult>> waiters = new ArrayList<>();
    }

    /**
     * Asks for a pass as soon as the one in progress (if any) ends. Completes with that pass's result; a request made
     * while another is queued shares it ({@code retry} if any of them asked for it).
     */
    public synchronized CompletableFuture<Reconciler.PassResult> request(boolean retry) {
        CompletableFuture<Reconciler.PassResult> result = new CompletableFuture<>();
        if (stopping) {
            result.complete(stoppingResult());
            return result;
        }
        if (queued == null) {
            queued = new Queued();
        }
        queued.retry |= retry;
        queued.waiters.add(result);
        notifyAll();
        return result;
    }

    /** Ends {@link #run()} after the pass in progress, or at once when it is waiting. */
    public synchronized void stop() {
        stopping = true;
        notifyAll();
    }

    /** Runs passes until {@link #stop()}. A failed or crashed pass never ends the loop. */
    public void run() throws InterruptedException {
        synchronized (this) {
            alive = true;
        }
        try {
            while (true) {
                Queued asked;
                synchronized (this) {
                    waitUntilDue();
                    if (stopping) {
                        return;
                    }
                    asked = queued;
                    queued = null;
                    running = true;
                    passStartedAt = clock.instant();
                }
                Reconciler.PassResult result;
                try {
                    result = runOnce(asked != null && asked.retry);
                } catch (InterruptedException e) {
                    complete(asked, stoppingResult());
                    throw e;
                }
                Duration next;
                int errors;
                synchronized (this) {
                    running = false;
                    errors = errorsInRow = result.kind() == Reconciler.PassResult.Kind.ERROR ? errorsInRow + 1 : 0;
                    next = delay();
                    dueAt = clock.instant().plus(next);
                }
                complete(asked, result);
                if (errors > 0) {
                    log.warn("commit -: the pass could not finish ({}); next try in {}s (failure {} in a row, backing off up to {}s)",
                            result.message(), next.toMillis() / 1000.0, errors, settings.backoffCap().toSeconds());
                }
            }
        } finally {
            synchronized (this) {
                alive = false;
                running = false;
                Queued left = queued;
                queued = null;
                complete(left, stoppingResult());
            }
        }
    }

    private Reconciler.PassResult runOnce(boolean retry) throws InterruptedException {
        try {
            return pass.run(retry);
        } catch (RuntimeException e) {
            // Unexpected: keep the stack trace, keep running, back off as for any other error.
            log.error("commit -: unexpected error in a pass; trying again later", e);
            return new Reconciler.PassResult(Reconciler.PassResult.Kind.ERROR, null,
                    "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void waitUntilDue() throws InterruptedException {
        while (!stopping && queued == null) {
            Duration left = Duration.between(clock.instant(), dueAt);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            waiter.await(this, left);
        }
    }

    /** The wait before the next scheduled pass: the interval plus jitter, or the backoff after errors. */
    private Duration delay() {
        if (errorsInRow > 0) {
            return Duration.ofMillis(backoff.apply(errorsInRow));
        }
        long jitter = settings.jitter().isZero() ? 0 : random.nextLong(settings.jitter().toMillis() + 1);
        return settings.interval().plusMillis(jitter);
    }

    /**
     * Why the agent should be considered wedged ({@code /healthz} answers 503), or empty while it is healthy: the
     * loop is not running, a pass has run longer than {@code stuckAfter}, or a due pass has not started within
     * {@link #LATE_START}.
     */
    public synchronized Optional<String> stuck() {
        Instant now = clock.instant();
        if (!alive) {
            return Optional.of(stopping ? "the agent is stopping" : "the poll loop is not running");
        }
        if (running) {
            Duration took = Duration.between(passStartedAt, now);
            return took.compareTo(settings.stuckAfter()) > 0
                    ? Optional.of("a pass has been running for " + took.toSeconds() + "s (more than --stuck-after "
                    + settings.stuckAfter().toSeconds() + "s)")
                    : Optional.empty();
        }
        Duration late = Duration.between(dueAt, now);
        return late.compareTo(LATE_START) > 0
                ? Optional.of("the next pass was due " + late.toSeconds() + "s ago and has not started")
                : Optional.empty();
    }

    private static void complete(Queued asked, Reconciler.PassResult result) {
        if (asked != null) {
            asked.waiters.forEach(w -> w.complete(result));
        }
    }

    private static Reconciler.PassResult stoppingResult() {
        return new Reconciler.PassResult(Reconciler.PassResult.Kind.ERROR, null, "the agent is stopping; no pass was run");
    }
}
