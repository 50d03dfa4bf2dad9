package io.driftless.rollout;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Bounded, jittered retries and a circuit breaker for one part of the host (Docker, Caddy, the Git remote),
 * through Resilience4j. Only transient failures (nobody answered, the connection broke) are retried and
 * counted by the breaker; an answer that will not change (auth refused, image missing, a config Caddy
 * rejects) passes straight through on the first try. Once {@code failuresToOpen} calls in a row failed, the
 * breaker opens: calls fail at once, without touching the part, for {@code openFor}; then one call may try.
 */
public final class Backoff<E extends Exception> {
    private static final Logger log = LoggerFactory.getLogger("driftless");

    /**
     * @param attempts       tries per call, the first included (1 = no retry)
     * @param firstWait      wait before the second try; each next wait doubles, up to {@code maxWait}, and is
     *                       jittered by ±50% so many agents (or calls) do not retry in step
     * @param failuresToOpen transient failures in a row that open the breaker
     * @param openFor        how long an open breaker refuses calls before letting one through
     */
    public record Policy(int attempts, Duration firstWait, Duration maxWait, int failuresToOpen, Duration openFor) {
        public Policy {
            if (attempts < 1 || failuresToOpen < 1) {
                throw new IllegalArgumentException("attempts and failuresToOpen must be at least 1");
            }
            if (!firstWait.isPositive() || maxWait.compareTo(firstWait) < 0 || !openFor.isPositive()) {
                throw new IllegalArgumentException("waits must be positive and maxWait >= firstWait");
            }
        }

        /** Docker is local: a few quick tries ride out a daemon restart's first seconds. */
        public static final Policy DOCKER = new Policy(3, Duration.ofMillis(250), Duration.ofSeconds(2), 6, Duration.ofSeconds(5));
        /** Caddy is local too, but a switch is worth waiting a few seconds for (a Caddy restart). */
        public static final Policy CADDY = new Policy(4, Duration.ofMillis(500), Duration.ofSeconds(3), 8, Duration.ofSeconds(5));
        /** A Git host is remote and shared: back off longer, and stop asking for a while when it is down. */
        public static final Policy GIT = new Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(8), 3, Duration.ofSeconds(20));
    }

    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T run() throws E;
    }

    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    private final String part;
    private final Function<String, E> whenOpen;
    private final Retry retry;
    private final CircuitBreaker breaker;

    /**
     * @param part      what is called, in the operator's words ("Docker", "Caddy's admin API")
     * @param failure   the calls' own exception type
     * @param transient which failures may go away by themselves: only these are retried and counted
     * @param whenOpen  the failure a call gets while the breaker is open (it is not made)
     */
    public Backoff(String part, Policy policy, Class<E> failure, Predicate<E> transientFailure, Function<String, E> whenOpen,
                   Clock clock) {
        this(part, policy, t -> failure.isInstance(t) && transientFailure.test(failure.cast(t)), whenOpen, clock);
    }

    private Backoff(String part, Policy policy, Predicate<Throwable> transientFailure, Function<String, E> whenOpen, Clock clock) {
        this.part = part;
        this.whenOpen = whenOpen;
        Predicate<Throwable> retryable = t -> !(t instanceof CallNotPermittedException) && transientFailure.test(t);
        this.retry = Retry.of(part, RetryConfig.custom()
                .maxAttempts(policy.attempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.firstWait(), 2.0, 0.5, policy.maxWait()))
                .retryOnException(retryable)
                .failAfterMaxAttempts(false)
                .build());
        this.breaker = CircuitBreaker.of(part, CircuitBreakerConfig.custom()
                .slidingWindow(policy.failuresToOpen(), policy.failuresToOpen(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .recordException(transientFailure)
                // A refusal that will not change says nothing about whether the part is up: neither failure nor success.
                .ignoreException(transientFailure.negate())
                .waitDurationInOpenState(policy.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
        retry.getEventPublisher().onRetry(e -> log.warn("commit -: {} failed (try {} of {}): {}; trying again in {}ms",
                part, e.getNumberOfRetryAttempts(), policy.attempts(), message(e.getLastThrowable()), e.getWaitInterval().toMillis()));
        breaker.getEventPublisher().onStateTransition(e -> {
            switch (e.getStateTransition().getToState()) {
                case OPEN -> log.error("commit -: {} failed {} time(s) in a row; not asking it again for {}s",
                        part, policy.failuresToOpen(), policy.openFor().toSeconds());
                case CLOSED -> log.info("commit -: {} answers again", part);
                default -> { }
            }
        });
    }

    /** Runs an idempotent call: retried on transient failures, guarded by the breaker. */
    public <T> T retried(Call<T, E> call) throws E {
        return run(Retry.decorateCheckedSupplier(retry, CircuitBreaker.decorateCheckedSupplier(breaker, call::run)));
    }

    /** {@link #retried(Call)} for a call that returns nothing. */
    public void retried(Action<E> action) throws E {
        retried(() -> {
            action.run();
            return null;
        });
    }

    /** Runs a call that must not be repeated blindly (it may have half happened): guarded by the breaker only. */
    public <T> T once(Call<T, E> call) throws E {
        return run(CircuitBreaker.decorateCheckedSupplier(breaker, call::run));
    }

    @SuppressWarnings("unchecked")
    private <T> T run(CheckedSupplier<T> guarded) throws E {
        try {
            return guarded.get();
        } catch (CallNotPermittedException open) {
            throw whenOpen.apply(part + " failed too often in a row, so it is left alone for a while (circuit open);"
                    + " the agent tries again by itself");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            // Only the call's own E can come out: Resilience4j rethrows the last failure unchanged.
            throw (E) checked;
        }
    }

    private static String message(Throwable t) {
        return t == null ? "?" : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
