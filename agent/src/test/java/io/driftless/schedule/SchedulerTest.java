package io.driftless.schedule;

import io.driftless.desired.CronSchedule;
import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cron jobs beside a repeating job, resources that keep jobs apart, liveness and shutdown. On a fake clock with runs
 * on the test's thread, except the tests about threads, which wait on latches, never on time.
 */
class SchedulerTest {
    static final String DB = "database main-db";
    static final Duration DEADLINE = Duration.ofHours(2);
    final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T02:50:00Z"));
    final List<Instant> passes = new ArrayList<>();
    final List<Instant> backups = new ArrayList<>();
    final List<String> seen = new ArrayList<>();
    final FakeWaiter waiter = new FakeWaiter(clock);
    final ResourceLocks locks = new ResourceLocks(clock, waiter);
    final Scheduler scheduler = new Scheduler(clock, clock, waiter, new Random(7), Scheduler.INLINE, locks);

    /** A job that cannot fail; its result is the time it ran. */
    static Repeating<Instant> every(Duration interval, Set<String> resources, Repeating.Task<Instant> task) {
        return new Repeating<>("check", "its limit", Periodic.of(interval, Duration.ZERO, Duration.ofMinutes(30)), resources, task,
                new Repeating.Results<>() {
                    public Optional<String> couldNotFinish(Instant result) {
                        return Optional.empty();
                    }

                    public Instant crashed(RuntimeException e) {
                        return Instant.MIN;
                    }

                    public Instant notRun() {
                        return Instant.MAX;
                    }
                });
    }

    CronJob nightlyBackup(Set<String> resources, Optional<Instant> lastRun, CronJob.Task task) {
        return new CronJob("backup of main-db", CronSchedule.parse("0 3 * * *"), ZoneOffset.UTC, DEADLINE, resources, lastRun, task);
    }

    static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void aCronJobRunsAtEachFiringBesideTheRepeatingJob() throws Exception {
        scheduler.add(every(Duration.ofMinutes(30), Set.of(), retry -> {
            passes.add(clock.instant());
            return clock.instant();
        }));
        Scheduled backup = scheduler.add(nightlyBackup(Set.of(), Optional.empty(), () -> {
            backups.add(clock.instant());
            if (backups.size() == 3) {
                scheduler.stop();
            }
        }));
        assertEquals(at("2026-11-21T03:00:00Z"), backup.nextRunAt());

        scheduler.run();

        assertEquals(List.of(at("2026-11-21T03:00:00Z"), at("2026-11-22T03:00:00Z"), at("2026-11-23T03:00:00Z")), backups);
        assertEquals(at("2026-11-24T03:00:00Z"), backup.nextRunAt());
        for (int i = 0; i < passes.size(); i++) {
            assertEquals(at("2026-11-21T02:50:00Z").plus(Duration.ofMinutes(30L * i)), passes.get(i),
                    "the cron job does not shift the passes");
        }
        assertEquals(97, passes.size(), "every 30 minutes from 02:50 to 03:00 two days later: " + passes.size());
    }

    @Test
    void aJobDueWhileItsResourceIsHeldRunsRightAfterTheRelease() throws Exception {
        ResourceLocks.Hold rollout = locks.tryAcquire("the rollout of c1", Set.of(DB)).orElseThrow();
        scheduler.add(every(Duration.ofMinutes(5), Set.of(), retry -> {
            passes.add(clock.instant());
            seen.add(scheduler.stuck().orElse("healthy"));
            if (!clock.instant().isBefore(at("2026-11-21T03:12:00Z"))) {
                rollout.close();
            }
            return clock.instant();
        }));
        scheduler.add(nightlyBackup(Set.of(DB), Optional.empty(), () -> {
            backups.add(clock.instant());
            assertEquals(Optional.of("the backup of main-db, for 0s"), locks.heldBy(DB), "the run holds its resource");
            scheduler.stop();
        }));

        scheduler.run();

        assertEquals(List.of(at("2026-11-21T03:15:00Z")), backups, "at the release (in the 03:15 pass), not at 03:00");
        assertTrue(seen.stream().allMatch("healthy"::equals), "waiting 15 minutes for a resource is not stuck: " + seen);
        assertEquals(Optional.empty(), locks.heldBy(DB), "released after the run");
    }

    @Test
    void aFiringMissedWhileTheAgentWasDownRunsOnceAtStartUp() throws Exception {
        clock.advance(Duration.ofHours(6)); // 08:50: the 03:00 backup did not run today.
        Scheduled caughtUp = scheduler.add(nightlyBackup(Set.of(), Optional.of(at("2026-11-20T03:00:04Z")), () -> {
            backups.add(clock.instant());
            if (backups.size() == 2) {
                scheduler.stop();
            }
        }));
        Scheduled onTime = scheduler.add(nightlyBackup(Set.of(), Optional.of(at("2026-11-21T03:00:04Z")), () -> {
        }));

        assertEquals(at("2026-11-21T08:50:00Z"), caughtUp.nextRunAt(), "due now");
        assertEquals(at("2026-11-22T03:00:00Z"), onTime.nextRunAt(), "nothing missed");
        scheduler.run();

        assertEquals(List.of(at("2026-11-21T08:50:00Z"), at("2026-11-22T03:00:00Z")), backups, "once now, then on schedule");
    }

    @Test
    void aRemovedCronJobNeverRunsAgainWhileTheOthersKeepTheirSchedule() throws Exception {
        Scheduled[] gone = new Scheduled[1];
        List<Instant> drills = new ArrayList<>();
        gone[0] = scheduler.add(nightlyBackup(Set.of(), Optional.empty(), () -> {
            backups.add(clock.instant());
            scheduler.remove(gone[0]); // while it runs: this run finishes, no other starts
        }));
        scheduler.add(new CronJob("restore drill of main-db", CronSchedule.parse("0 5 * * *"), ZoneOffset.UTC, DEADLINE, Set.of(),
                Optional.empty(), () -> {
                    drills.add(clock.instant());
                    if (drills.size() == 3) {
                        scheduler.stop();
                    }
                }));

        scheduler.run();

        assertEquals(List.of(at("2026-11-21T03:00:00Z")), backups, "removed during its first run");
        assertEquals(List.of(at("2026-11-21T05:00:00Z"), at("2026-11-22T05:00:00Z"), at("2026-11-23T05:00:00Z")), drills);
    }

    @Test
    void afterEachRunACronJobSaysSoOnceItsNextFiringIsKnown() throws Exception {
        List<Instant> nextSeenAfterRuns = new ArrayList<>();
        Scheduled[] backup = new Scheduled[1];
        // Missed while the agent was down: caught up at 02:50, then the 03:00 firing, then the next night's.
        backup[0] = scheduler.add(new CronJob("backup of main-db", CronSchedule.parse("0 3 * * *"), ZoneOffset.UTC, DEADLINE,
                Set.of(), Optional.of(at("2026-11-20T02:00:00Z")), () -> {
            backups.add(clock.instant());
            if (backups.size() == 3) {
                scheduler.stop();
            }
        }, () -> nextSeenAfterRuns.add(backup[0].nextRunAt())));
        assertEquals(at("2026-11-21T02:50:00Z"), backup[0].nextRunAt(), "the missed firing runs at once");

        scheduler.run();

        assertEquals(List.of(at("2026-11-21T02:50:00Z"), at("2026-11-21T03:00:00Z"), at("2026-11-22T03:00:00Z")), backups);
        assertEquals(List.of(at("2026-11-21T03:00:00Z"), at("2026-11-22T03:00:00Z"), at("2026-11-23T03:00:00Z")),
                nextSeenAfterRuns, "each run's callback sees the firing after it, never the one that just ran");
    }

    @Test
    void aCronJobRemovedBeforeItIsDueNeverRuns() throws Exception {
        Scheduled backup = scheduler.add(nightlyBackup(Set.of(), Optional.empty(), () -> backups.add(clock.instant())));
        scheduler.add(every(Duration.ofHours(1), Set.of(), retry -> {
            passes.add(clock.instant());
            if (passes.size() == 30) {
                scheduler.stop();
            }
            return clock.instant();
        }));
        scheduler.remove(backup);

        scheduler.run();

        assertEquals(List.of(), backups, "removed at 02:50, before its 03:00 firing");
        assertEquals(30, passes.size());
    }

    @Test
    void firingsMissedDuringALongRunAreNotPiledUp() throws Exception {
        scheduler.add(new CronJob("check of main-db", CronSchedule.parse("*/10 * * * *"), ZoneOffset.UTC, DEADLINE, Set.of(),
                Optional.empty(), () -> {
            backups.add(clock.instant());
            clock.advance(Duration.ofMinutes(35));
            if (backups.size() == 3) {
                scheduler.stop();
            }
        }));

        scheduler.run();

        assertEquals(List.of(at("2026-11-21T03:00:00Z"), at("2026-11-21T03:40:00Z"), at("2026-11-21T04:20:00Z")), backups);
    }

    @Test
    void aCrashingCronJobIsLoggedAndRunsAgainAtItsNextFiring() throws Exception {
        scheduler.add(nightlyBackup(Set.of(), Optional.empty(), () -> {
            backups.add(clock.instant());
            if (backups.size() == 2) {
                scheduler.stop();
            }
            throw new IllegalStateException("bug");
        }));

        scheduler.run();

        assertEquals(List.of(at("2026-11-21T03:00:00Z"), at("2026-11-22T03:00:00Z")), backups);
    }

    @Test
    void stuckNamesACronRunPastItsDeadlineAndAWaitForAResourcePastIt() throws Exception {
        ResourceLocks.Hold rollout = locks.tryAcquire("the rollout of c1", Set.of(DB)).orElseThrow();
        scheduler.add(every(Duration.ofMinutes(30), Set.of(), retry -> {
            passes.add(clock.instant());
            seen.add(scheduler.stuck().orElse("healthy"));
            if (clock.instant().equals(at("2026-11-21T05:20:00Z"))) {
                rollout.close();
            }
            return clock.instant();
        }));
        scheduler.add(nightlyBackup(Set.of(DB), Optional.empty(), () -> {
            clock.advance(DEADLINE.plusMinutes(1));
            seen.add(scheduler.stuck().orElse("healthy"));
            scheduler.stop();
        }));

        scheduler.run();

        // Passes at 02:50 ... 05:20 see the backup blocked since 03:00; the backup itself then overruns.
        assertEquals("healthy", seen.get(4), "04:50: waited 1h50m: " + seen);
        assertEquals("the next backup of main-db has waited 8400s for its resources (database main-db is held by the "
                + "rollout of c1, for 9000s)", seen.get(5), seen.toString());
        assertEquals("a backup of main-db has been running for 7260s (more than its deadline 7200s)", seen.getLast());
    }

    @Test
    void stuckNamesACronJobDueButNotStarted() throws Exception {
        Scheduler[] wedged = new Scheduler[1];
        wedged[0] = new Scheduler(clock, clock, (monitor, max) -> {
            clock.sleep(max.plusMinutes(2)); // the loop thread oversleeps
            seen.add(wedged[0].stuck().orElse("healthy"));
            wedged[0].stop();
        }, new Random(7), Scheduler.INLINE, locks);
        wedged[0].add(nightlyBackup(Set.of(), Optional.empty(), () -> backups.add(clock.instant())));

        wedged[0].run();

        assertEquals(List.of("the next backup of main-db was due 120s ago and has not started"), seen);
        assertEquals(List.of(), backups);
    }

    @Test
    void jobsThatShareAResourceNeverOverlapOnRealThreads() throws Exception {
        ResourceLocks realLocks = new ResourceLocks(Clock.systemUTC(), Waiter.REAL);
        Scheduler real = new Scheduler(Clock.systemUTC(), Clock.systemUTC(), Waiter.REAL, new Random(3),
                Scheduler.THREAD_PER_RUN, realLocks);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<Thread> runners = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Repeating.Task<Instant> touchTheDatabase = retry -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            runners.add(Thread.currentThread());
            inside.decrementAndGet();
            return Instant.now();
        };
        Requests<Instant> backups = real.add(every(Duration.ofHours(1), Set.of(DB), touchTheDatabase));
        Requests<Instant> rollouts = real.add(every(Duration.ofHours(1), Set.of(DB, "volume uploads"), touchTheDatabase));
        Thread loop = Thread.ofPlatform().start(() -> {
            try {
                real.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<CompletableFuture<Instant>> asked = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Requests<Instant> job = t % 2 == 0 ? backups : rollouts;
            clients.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50; i++) {
                    asked.add(job.request(false));
                }
            }));
        }
        for (Thread c : clients) {
            c.join(10_000);
        }
        for (CompletableFuture<Instant> f : asked) {
            Instant ran = f.get(10, TimeUnit.SECONDS);
            assertTrue(ran.isAfter(Instant.EPOCH) && ran.isBefore(Instant.MAX), "every request is served by a run: " + ran);
        }
        real.stop();
        loop.join(10_000);

        assertFalse(loop.isAlive());
        assertEquals(1, most.get(), "never two runs holding the database at once");
        assertFalse(runners.contains(loop), "runs are on threads of their own, not the scheduler's");
    }

    @Test
    void jobsWithDifferentResourcesRunAtTheSameTimeAndStopWaitsForThem() throws Exception {
        Scheduler real = new Scheduler(Clock.systemUTC(), Clock.systemUTC(), Waiter.REAL, new Random(3),
                Scheduler.THREAD_PER_RUN, new ResourceLocks(Clock.systemUTC(), Waiter.REAL));
        CountDownLatch backupStarted = new CountDownLatch(1);
        CountDownLatch rolloutStarted = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean sawTheOther = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        real.add(every(Duration.ofHours(1), Set.of(DB), retry -> {
            backupStarted.countDown();
            sawTheOther.set(rolloutStarted.await(10, TimeUnit.SECONDS));
            finish.await(10, TimeUnit.SECONDS);
            finished.set(true);
            return Instant.now();
        }));
        real.add(every(Duration.ofHours(1), Set.of("database other"), retry -> {
            rolloutStarted.countDown();
            return Instant.now();
        }));
        Thread loop = Thread.ofPlatform().start(() -> {
            try {
                real.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(backupStarted.await(10, TimeUnit.SECONDS));
        assertTrue(rolloutStarted.await(10, TimeUnit.SECONDS), "the other job started while the first one runs");

        real.stop();

        assertTrue(loop.isAlive(), "stop waits for the run in progress");
        finish.countDown();
        loop.join(10_000);
        assertFalse(loop.isAlive());
        assertTrue(finished.get(), "the run finished before run() returned");
        assertTrue(sawTheOther.get(), "the other job ran while this one was running");
        assertEquals(Optional.of("the agent is stopping"), real.stuck());
    }
}
