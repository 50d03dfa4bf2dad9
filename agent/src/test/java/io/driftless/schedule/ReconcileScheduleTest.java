package io.driftless.schedule;

import io.driftless.rollout.ReconcileJob;
import io.driftless.rollout.Reconciler.PassResult;
import io.driftless.rollout.Reconciler.PassResult.Kind;
import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule of {@code run} (the reconcile job on the scheduler), on a fake clock: no test here waits for real
 * time except the threads test, which runs each pass on a thread of its own as the agent does.
 */
class ReconcileScheduleTest {
    static final Duration HOUR = Duration.ofHours(1);
    final FakeClock clock = new FakeClock();
    final Instant t0 = clock.instant();
    final List<Instant> passes = new ArrayList<>();
    final List<Boolean> retries = new ArrayList<>();
    final FakeWaiter waiter = new FakeWaiter(clock);
    final List<Duration> waits = waiter.waits;

    /** The scheduler with the reconcile job alone, as {@code run} has it; its passes run on the test's thread. */
    record Loop(Scheduler scheduler, Requests<PassResult> passes) {
        static Loop of(Repeating.Task<PassResult> pass, Periodic timing, Clock clock, Waiter waiter, Executor runs, Random random) {
            Scheduler scheduler = new Scheduler(clock, clock, waiter, random, runs, new ResourceLocks(clock, waiter));
            return new Loop(scheduler, scheduler.add(ReconcileJob.of(pass, timing)));
        }

        void run() throws InterruptedException {
            scheduler.run();
        }

        void stop() {
            scheduler.stop();
        }

        CompletableFuture<PassResult> request(boolean retry) {
            return passes.request(retry);
        }

        Optional<String> stuck() {
            return scheduler.stuck();
        }
    }

    Loop loop(Repeating.Task<PassResult> pass, Duration interval, Duration jitter) {
        return loop(pass, interval, jitter, waiter);
    }

    Loop loop(Repeating.Task<PassResult> pass, Duration interval, Duration jitter, Waiter waiter) {
        return Loop.of(pass, Periodic.of(interval, jitter, Duration.ofMinutes(30)), clock, waiter, Scheduler.INLINE, new Random(42));
    }

    static PassResult converged(String revision) {
        return new PassResult(Kind.CONVERGED, revision, "converged");
    }

    static PassResult error() {
        return new PassResult(Kind.ERROR, null, "Git remote unreachable");
    }

    @Test
    void firstPassRunsAtOnceThenEveryIntervalPlusJitter() throws Exception {
        Loop[] loop = new Loop[1];
        loop[0] = loop(retry -> {
            passes.add(clock.instant());
            if (passes.size() == 6) {
                loop[0].stop();
            }
            return converged("c1");
        }, Duration.ofSeconds(30), Duration.ofSeconds(3));

        loop[0].run();

        assertEquals(t0, passes.get(0), "no wait before the first pass");
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < passes.size(); i++) {
            gaps.add(Duration.between(passes.get(i - 1), passes.get(i)));
        }
        for (Duration gap : gaps) {
            assertTrue(gap.compareTo(Duration.ofSeconds(30)) >= 0 && gap.compareTo(Duration.ofSeconds(33)) <= 0, gaps.toString());
        }
        assertTrue(gaps.stream().distinct().count() > 1, "the jitter varies the waits: " + gaps);
    }

    @Test
    void theDefaultJitterIsATenthOfTheIntervalAtMostThreeSecondsWhileAGivenOneStaysAsGiven() throws Exception {
        assertEquals(Duration.ofMillis(100), Periodic.of(Duration.ofSeconds(1), null, HOUR).jitter());
        assertEquals(Duration.ofSeconds(1), Periodic.of(Duration.ofSeconds(10), null, HOUR).jitter());
        assertEquals(Duration.ofSeconds(3), Periodic.of(Duration.ofSeconds(30), null, HOUR).jitter(), "the 30s default interval keeps 3s");
        assertEquals(Duration.ofSeconds(3), Periodic.of(HOUR, null, HOUR).jitter(), "capped at 3s");
        assertEquals(Duration.ofSeconds(3), Periodic.of(Duration.ofSeconds(1), Duration.ofSeconds(3), HOUR).jitter(), "given: kept");
        assertEquals(Duration.ZERO, Periodic.of(Duration.ofSeconds(1), Duration.ZERO, HOUR).jitter(), "given 0s: none");

        Loop[] loop = new Loop[1];
        loop[0] = Loop.of(retry -> {
            passes.add(clock.instant());
            if (passes.size() == 20) {
                loop[0].stop();
            }
            return converged("c1");
        }, Periodic.of(Duration.ofSeconds(1), null, HOUR), clock, waiter, Scheduler.INLINE, new Random(7));

        loop[0].run();

        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < passes.size(); i++) {
            gaps.add(Duration.between(passes.get(i - 1), passes.get(i)));
        }
        for (Duration gap : gaps) {
            assertTrue(gap.compareTo(Duration.ofSeconds(1)) >= 0 && gap.compareTo(Duration.ofMillis(1100)) <= 0,
                    "a 1s interval waits 1s to 1.1s by default, not up to 4s: " + gaps);
        }
        assertTrue(gaps.stream().distinct().count() > 1, "still jittered: " + gaps);
    }

    @Test
    void aRequestCutsTheWaitShort() throws Exception {
        Loop[] loop = new Loop[1];
        List<CompletableFuture<PassResult>> asked = new ArrayList<>();
        // The webhook arrives 10s into the hour-long wait, which it ends.
        Waiter wokenAfterTenSeconds = (monitor, max) -> {
            waits.add(max);
            asked.add(loop[0].request(false));
            clock.sleep(Duration.ofSeconds(10));
        };
        loop[0] = loop(retry -> {
            passes.add(clock.instant());
            if (passes.size() == 2) {
                loop[0].stop();
            }
            return converged("c" + passes.size());
        }, HOUR, Duration.ZERO, wokenAfterTenSeconds);

        loop[0].run();

        assertEquals(List.of(t0, t0.plusSeconds(10)), passes, "the second pass ran when asked, not an hour later");
        assertEquals(List.of(HOUR), waits);
        assertEquals(converged("c2"), asked.get(0).getNow(null), "the request is answered with the pass it caused");
    }

    @Test
    void requestsDuringAPassBecomeOneNextPass() throws Exception {
        Loop[] loop = new Loop[1];
        List<CompletableFuture<PassResult>> asked = new ArrayList<>();
        loop[0] = loop(retry -> {
            passes.add(clock.instant());
            retries.add(retry);
            if (passes.size() == 1) {
                asked.add(loop[0].request(false));
                asked.add(loop[0].request(true));
                asked.add(loop[0].request(false));
            } else {
                loop[0].stop();
            }
            return converged("c" + passes.size());
        }, HOUR, Duration.ZERO);

        loop[0].run();

        assertEquals(List.of(t0, t0), passes, "one more pass, right after the first, for three requests");
        assertEquals(List.of(false, true), retries, "the coalesced pass retries because one request asked for it");
        assertTrue(waits.isEmpty(), "no wait between them: " + waits);
        for (CompletableFuture<PassResult> f : asked) {
            assertEquals(converged("c2"), f.getNow(null), "each request gets the pass that started after it");
        }
    }

    @Test
    void errorsBackOffExponentiallyUpToTheCapAndASuccessResetsTheInterval() throws Exception {
        Loop[] loop = new Loop[1];
        loop[0] = loop(retry -> {
            passes.add(clock.instant());
            int n = passes.size();
            if (n == 12) {
                loop[0].stop();
            }
            // Passes 1-10 cannot reach Git, 11 converges, 12 errs again.
            return n <= 10 || n == 12 ? error() : converged("c1");
        }, Duration.ofSeconds(30), Duration.ZERO);

        loop[0].run();

        Duration first = waits.get(0);
        assertTrue(within(first, 2_500, 7_500), "first backoff is 5s ± 50%: " + waits);
        assertTrue(within(waits.get(3), 20_000, 60_000), "fourth is 40s ± 50%: " + waits);
        for (int i = 0; i < 10; i++) {
            assertTrue(waits.get(i).compareTo(Periodic.BACKOFF_CAP) <= 0, "capped at 5 minutes: " + waits);
        }
        assertTrue(within(waits.get(9), 150_000, 300_000), "the tenth is at the cap (5 min, minus jitter): " + waits);
        assertEquals(Duration.ofSeconds(30), waits.get(10), "after a success, the plain interval again");
        assertEquals(11, waits.size());
    }

    @Test
    void anUnexpectedExceptionDoesNotEndTheLoopAndBacksOff() throws Exception {
        Loop[] loop = new Loop[1];
        loop[0] = loop(retry -> {
            passes.add(clock.instant());
            if (passes.size() == 1) {
                throw new IllegalStateException("bug");
            }
            loop[0].stop();
            return converged("c1");
        }, HOUR, Duration.ZERO);

        loop[0].run();

        assertEquals(2, passes.size());
        assertTrue(within(waits.get(0), 2_500, 7_500), "backoff, not the hour: " + waits);
    }

    @Test
    void stopLetsThePassInProgressFinishAndAnswersQueuedRequests() throws Exception {
        Loop[] loop = new Loop[1];
        List<CompletableFuture<PassResult>> asked = new ArrayList<>();
        AtomicInteger finished = new AtomicInteger();
        loop[0] = loop(retry -> {
            passes.add(clock.instant());
            asked.add(loop[0].request(false));
            loop[0].stop();
            clock.sleep(Duration.ofSeconds(20)); // the rollout goes on after SIGTERM
            finished.incrementAndGet();
            return converged("c1");
        }, HOUR, Duration.ZERO);

        loop[0].run();

        assertEquals(1, passes.size(), "no new pass after stop");
        assertEquals(1, finished.get(), "the pass in progress finished");
        assertEquals(Kind.ERROR, asked.get(0).getNow(null).kind(), "the queued request is answered, not left hanging");
        assertEquals(Kind.ERROR, loop[0].request(false).getNow(null).kind(), "a request after stop is answered at once");
    }

    @Test
    void stopWhileWaitingEndsAtOnce() throws Exception {
        Loop[] loop = new Loop[1];
        loop[0] = loop(retry -> {
            passes.add(clock.instant());
            return converged("c1");
        }, HOUR, Duration.ZERO);
        waiter.meanwhile = () -> loop[0].stop();

        loop[0].run();

        assertEquals(1, passes.size());
        assertEquals(1, waits.size());
    }

    @Test
    void stuckReportsALoopNotRunningAPassTooLongAndADuePassThatDidNotStart() throws Exception {
        Loop[] loop = new Loop[1];
        List<String> seen = new ArrayList<>();
        // The loop thread oversleeps by two minutes (a wedged wait).
        Waiter oversleeps = (monitor, max) -> {
            clock.sleep(max.plusMinutes(2));
            seen.add(loop[0].stuck().orElse("healthy"));
        };
        loop[0] = loop(retry -> {
            passes.add(clock.instant());
            clock.advance(Duration.ofMinutes(29));
            seen.add(loop[0].stuck().orElse("healthy"));
            clock.advance(Duration.ofMinutes(2));
            seen.add(loop[0].stuck().orElse("healthy"));
            if (passes.size() == 2) {
                loop[0].stop();
            }
            return converged("c1");
        }, Duration.ofSeconds(30), Duration.ZERO, oversleeps);
        seen.add(loop[0].stuck().orElse("healthy"));

        loop[0].run();
        seen.add(loop[0].stuck().orElse("healthy"));

        assertEquals(7, seen.size(), seen.toString());
        assertTrue(seen.get(0).contains("not running"), seen.toString());
        assertEquals("healthy", seen.get(1), "29 minutes into a pass is fine: " + seen);
        assertTrue(seen.get(2).contains("running for 1860s"), seen.toString());
        assertTrue(seen.get(3).contains("due 120s ago"), seen.toString());
        assertTrue(seen.get(6).contains("stopping"), seen.toString());
    }

    @Test
    void requestsFromManyThreadsAreServedOnePassAtATime() throws Exception {
        AtomicInteger inPass = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        Loop loop = Loop.of(retry -> {
            most.accumulateAndGet(inPass.incrementAndGet(), Math::max);
            Thread.sleep(1);
            count.incrementAndGet();
            inPass.decrementAndGet();
            return converged("c1");
        }, Periodic.of(HOUR, Duration.ZERO, HOUR), Clock.systemUTC(), Waiter.REAL, Scheduler.THREAD_PER_RUN, new Random(3));
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                loop.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Thread> clients = new ArrayList<>();
        List<CompletableFuture<PassResult>> asked = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            clients.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20; i++) {
                    asked.add(loop.request(false));
                }
            }));
        }
        for (Thread c : clients) {
            c.join(10_000);
        }
        for (CompletableFuture<PassResult> f : asked) {
            assertEquals(Kind.CONVERGED, f.get(10, TimeUnit.SECONDS).kind(), "every request is answered (the wait wakes up)");
        }
        loop.stop();
        runner.join(10_000);

        assertFalse(runner.isAlive());
        assertEquals(1, most.get(), "never two passes at once");
        assertTrue(count.get() <= 161, "requests were coalesced: " + count.get() + " passes for 160 requests");
    }

    private static boolean within(Duration d, long minMillis, long maxMillis) {
        return d.toMillis() >= minMillis && d.toMillis() <= maxMillis;
    }
}
