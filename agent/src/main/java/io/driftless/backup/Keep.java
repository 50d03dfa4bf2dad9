package io.driftless.backup;

import io.driftless.desired.Backup;
import java.time.Duration;
import java.util.Optional;

/**
 * A policy's {@code keep:} rules as rotation reads them. The rules themselves (bounds, a policy that keeps nothing)
 * live in {@link Backup.Keep}, which the manifest binder checks, so the agent and the manifest refuse with one
 * sentence.
 *
 * @param last      the newest verified scheduled or manual backups to keep, whatever their age
 * @param daily     days, newest first, whose newest verified backup is kept (days without one use no slot)
 * @param weekly    ISO weeks, likewise
 * @param monthly   calendar months, likewise
 * @param snapshots how long snapshot and pre-restore backups are kept; they never count against the others
 */
public record Keep(int last, int daily, int weekly, int monthly, Duration snapshots) {
    /** The window for snapshots when the manifest does not set one. */
    public static final Duration DEFAULT_SNAPSHOTS = Backup.Keep.DEFAULT_SNAPSHOTS;

    public Keep {
        rules(last, daily, weekly, monthly, snapshots);
    }

    public Keep(int last, int daily, int weekly, int monthly) {
        this(last, daily, weekly, monthly, DEFAULT_SNAPSHOTS);
    }

    /** The manifest's policy, as rotation reads it. */
    public static Keep of(Backup.Keep keep) {
        return new Keep(keep.last(), keep.daily(), keep.weekly(), keep.monthly(), keep.snapshots());
    }

    /** Why this policy is refused (see {@link Backup.Keep#refusal()}); empty when it is usable. */
    public Optional<String> refusal() {
        return rules(last, daily, weekly, monthly, snapshots).refusal();
    }

    private static Backup.Keep rules(int last, int daily, int weekly, int monthly, Duration snapshots) {
        return new Backup.Keep(last, daily, weekly, monthly, snapshots);
    }
}
