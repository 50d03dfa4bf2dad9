package io.driftless.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Named things that two jobs must not touch at once ("database main-db": no backup during a rollout that snapshots
 * it). A holder takes all of its resources or none, so two jobs that each need two resources cannot deadlock.
 * Not reentrant: a job that holds a resource must not ask for it again. The scheduler takes a job's resources
 * before it starts the job; code inside a job takes finer ones with {@link #acquire}.
 */
public final class ResourceLocks {
    private final Clock clock;
    private final Waiter waiter;
    /** Called after every release, outside this lock: the scheduler starts a job that waited for it. */
    private final List<Runnable> releaseListeners = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private final Map<String, Holding> held = new LinkedHashMap<>();

    private record Holding(String holder, Instant since) {
    }

    public ResourceLocks(Clock clock, Waiter waiter) {
        this.clock = clock;
        this.waiter = waiter;
    }

    /** All of {@code resources} for {@code holder} ("the backup of main-db"), or empty at once if any is held. */
    public synchronized Optional<Hold> tryAcquire(String holder, Set<String> resources) {
        for (String resource : resources) {
            if (held.containsKey(resource)) {
                return Optional.empty();
            }
        }
        Instant now = clock.instant();
        resources.forEach(r -> held.put(r, new Holding(holder, now)));
        return Optional.of(new Hold(Set.copyOf(resources)));
    }

    /**
     * All of {@code resources}, waiting up to {@code timeout} for their holders to release them.
     *
     * @throws Busy naming who still holds what when the time is up
     */
    public Hold acquire(String holder, Set<String> resources, Duration timeout) throws InterruptedException, Busy {
        Instant deadline = clock.instant().plus(timeout);
        synchronized (this) {
            while (true) {
                Optional<Hold> hold = tryAcquire(holder, resources);
                if (hold.isPresent()) {
                    return hold.get();
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (!left.isPositive()) {
                    throw new Busy(describe(resources) + "; " + holder + " waited " + timeout.toSeconds() + "s");
                }
                waiter.await(this, left);
            }
        }
    }

    /** Who holds {@code resource} and for how long ("the pass, for 12s"), or empty when it is free. */
    public synchronized Optional<String> heldBy(String resource) {
        Holding h = held.get(resource);
        return h == null ? Optional.empty()
                : Optional.of(h.holder() + ", for " + Duration.between(h.since(), clock.instant()).toSeconds() + "s");
    }

    /** "database main-db is held by the pass, for 12s", for each of {@code resources} that is held. */
    synchronized String describe(Set<String> resources) {
        StringBuilder out = new StringBuilder();
        for (String resource : new TreeSet<>(resources)) {
            heldBy(resource).ifPresent(by -> out.append(out.isEmpty() ? "" : "; ").append(resource).append(" is held by ").append(by));
        }
        return out.isEmpty() ? String.join(", ", new TreeSet<>(resources)) + " are free" : out.toString();
    }

    void onRelease(Runnable listener) {
        releaseListeners.add(listener);
    }

    private void release(Set<String> resources) {
        synchronized (this) {
            resources.forEach(held::remove);
            notifyAll();
        }
        releaseListeners.forEach(Runnable::run);
    }

    /** Resources held until {@link #close()} (once; a second close does nothing). */
    public final class Hold implements AutoCloseable {
        private final Set<String> resources;
        private boolean released;

        private Hold(Set<String> resources) {
            this.resources = resources;
        }

        public Set<String> resources() {
            return resources;
        }

        @Override
        public void close() {
            synchronized (ResourceLocks.this) {
                if (released) {
                    return;
                }
                released = true;
            }
            if (!resources.isEmpty()) {
                release(resources);
            }
        }
    }

    /** The resources stayed held for the whole wait. */
    public static final class Busy extends Exception {
        Busy(String message) {
            super(message);
        }
    }
}
