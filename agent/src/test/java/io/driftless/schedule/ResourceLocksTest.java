package io.driftless.schedule;

import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-resource locks, on a fake clock: a blocking acquire moves fake time instead of waiting. */
class ResourceLocksTest {
    static final String DB = "database main-db";
    static final String VOLUME = "volume uploads";
    final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T03:00:00Z"));
    final FakeWaiter waiter = new FakeWaiter(clock);
    final List<Duration> waits = waiter.waits;
    final ResourceLocks locks = new ResourceLocks(clock, waiter);

    @Test
    void aHolderGetsAllItsResourcesOrNone() {
        ResourceLocks.Hold rollout = locks.tryAcquire("the rollout of c1", Set.of(DB)).orElseThrow();

        assertEquals(Optional.empty(), locks.tryAcquire("the backup of main-db", Set.of(DB, VOLUME)));
        assertEquals(Optional.empty(), locks.heldBy(VOLUME), "nothing is half taken");
        assertTrue(locks.tryAcquire("the snapshot of uploads", Set.of(VOLUME)).isPresent());
        assertEquals(Set.of(DB), rollout.resources());
    }

    @Test
    void heldBySaysWhoAndForHowLong() {
        locks.tryAcquire("the rollout of c1", Set.of(DB)).orElseThrow();
        clock.advance(Duration.ofSeconds(12));

        assertEquals(Optional.of("the rollout of c1, for 12s"), locks.heldBy(DB));
    }

    @Test
    void closingTwiceReleasesOnce() {
        ResourceLocks.Hold first = locks.tryAcquire("the rollout of c1", Set.of(DB)).orElseThrow();
        first.close();
        ResourceLocks.Hold second = locks.tryAcquire("the backup of main-db", Set.of(DB)).orElseThrow();

        first.close();

        assertEquals(Optional.of("the backup of main-db, for 0s"), locks.heldBy(DB), "the second holder keeps it");
        second.close();
        assertEquals(Optional.empty(), locks.heldBy(DB));
    }

    @Test
    void acquireWaitsUntilTheHolderReleases() throws Exception {
        ResourceLocks.Hold rollout = locks.tryAcquire("the rollout of c1", Set.of(DB)).orElseThrow();
        waiter.meanwhile = rollout::close;

        try (ResourceLocks.Hold backup = locks.acquire("the backup of main-db", Set.of(DB), Duration.ofMinutes(10))) {
            assertEquals(Set.of(DB), backup.resources());
            assertEquals(Optional.of("the backup of main-db, for 0s"), locks.heldBy(DB));
            assertEquals(List.of(Duration.ofMinutes(10)), waits, "one wait, cut short by the release");
        }
    }

    @Test
    void acquireGivesUpAfterItsTimeoutNamingTheHolder() {
        locks.tryAcquire("the rollout of c1", Set.of(DB)).orElseThrow();

        ResourceLocks.Busy busy = assertThrows(ResourceLocks.Busy.class,
                () -> locks.acquire("the backup of main-db", Set.of(DB, VOLUME), Duration.ofSeconds(60)));

        assertEquals("database main-db is held by the rollout of c1, for 60s; the backup of main-db waited 60s", busy.getMessage());
        assertEquals(List.of(Duration.ofSeconds(60)), waits);
        assertEquals(Optional.empty(), locks.heldBy(VOLUME), "nothing taken by the failed acquire");
    }

    @Test
    void releaseListenersAreCalledAfterTheLockIsLetGo() {
        List<Boolean> heldTheMonitor = new ArrayList<>();
        locks.onRelease(() -> heldTheMonitor.add(Thread.holdsLock(locks)));
        ResourceLocks.Hold hold = locks.tryAcquire("the rollout of c1", Set.of(DB)).orElseThrow();

        hold.close();
        hold.close();

        assertEquals(List.of(false), heldTheMonitor, "once, outside the lock: a listener may take locks of its own");
        assertFalse(locks.heldBy(DB).isPresent());
    }
}
