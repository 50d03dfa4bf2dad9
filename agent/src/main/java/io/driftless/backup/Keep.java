package io.driftless.backup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy's {@code keep:} rules. Until the manifest model carries {@code last} and {@code snapshots}, the shell maps
 * {@code desired.Backup.Keep(daily, weekly, monthly)} to {@code new Keep(0, daily, weekly, monthly)}.
 *
 * @param last      the newest verified scheduled or manual backups to keep, whatever their age
 * @param daily     days, newest first, whose newest verified backup is kept (days without one use no slot)
 * @param weekly    ISO weeks, likewise
 * @param monthly   calendar months, likewise
 * @param snapshots how long snapshot and pre-restore backups are kept; they never count against the others
 */
public record Keep(int last, int daily, int weekly, int monthly, Duration snapshots) {
    /** The window for snapshots when the manifest does not set one. */
    public static final Duration DEFAULT_SNAPSHOTS = Duration.ofDays(7);

    public Keep {
        Objects.requireNonNull(snapshots, "snapshots");
        if (last < 0 || daily < 0 || weekly < 0 || monthly < 0 || snapshots.isNegative()) {
            throw new IllegalArgumentException("keep counts and the snapshot window are 0 or more: " + last + ", "
                    + daily + ", " + weekly + ", " + monthly + ", " + snapshots);
        }
    }

    public Keep(int last, int daily, int weekly, int monthly) {
        this(last, daily, weekly, monthly, DEFAULT_SNAPSHOTS);
    }

    /**
     * Why this policy is refused, as the end of a sentence the manifest binder prefixes with the key's path and
     * position; empty when it is usable. A policy that keeps no scheduled backup would leave the newest one only.
     */
    public Optional<String> refusal() {
        if (last > 0 || daily > 0 || weekly > 0 || monthly > 0) {
            return Optional.empty();
        }
        return Optional.of("keeps no backups at all (snapshots only keeps snapshot and pre-restore backups); set at "
                + "least one of last, daily, weekly or monthly above 0, like {last: 3, daily: 7, weekly: 4, monthly: 6}");
    }
}
