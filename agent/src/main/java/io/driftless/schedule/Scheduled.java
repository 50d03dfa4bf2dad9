package io.driftless.schedule;

import java.time.Instant;

/** A registered {@link CronJob}, for status pages ({@code nextBackupAt}). */
@FunctionalInterface
public interface Scheduled {
    /** When it runs next, on the wall clock; in the past while it runs, or waits for a resource. */
    Instant nextRunAt();
}
