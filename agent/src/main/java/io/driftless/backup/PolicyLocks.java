package io.driftless.backup;

import java.time.Duration;

/**
 * One lock per backup policy, across processes: a backup, a drill, a restore and a rollout that snapshots the
 * policy's database never run at once (DESIGN.md, "Backups: semantics"). A thread that holds a policy may take it
 * again (a rollout holds it while its snapshot is taken).
 */
public interface PolicyLocks {

    /**
     * @throws Busy when another run held it for all of {@code wait}
     */
    Held hold(String policy, Duration wait) throws InterruptedException, Busy;

    /** Released on close. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** @param getMessage names the policy and who holds it, and says what to do */
    final class Busy extends Exception {
        public Busy(String message) {
            super(message, null, false, false);
        }
    }
}
