package io.driftless.desired;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A database backup policy (run and verified by the backup package).
 *
 * @param target  the host folder the dumps live in, one folder per backup name below it; {@link #DEFAULT_TARGET}
 *                when the manifest leaves it out, so a first policy needs no decision about disks
 * @param offsite null when the backups are not copied anywhere else
 * @param verify  null when no restore drill is asked for
 */
public record Backup(String name, Postgres postgres, String schedule, String target, Keep keep, Offsite offsite,
                     Verify verify) {
    public static final String DEFAULT_TARGET = "/var/backups/driftless";

    public Backup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(keep, "keep");
    }

    /** Where the client tools reach the database. */
    public sealed interface Postgres permits Url, Container {
    }

    /**
     * The host's client tools connect to {@code url}.
     *
     * @param passwordFile a path on the host; never the password itself; null when the server needs none
     */
    public record Url(String url, String passwordFile) implements Postgres {
        public Url {
            Objects.requireNonNull(url, "url");
        }
    }

    /** The client tools run inside {@code container} with docker exec, so their version is the server's. */
    public record Container(String container, String database, String user) implements Postgres {
        public Container {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * A policy's {@code keep:} rules.
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

    /** Where verified backups are copied, then read back and compared. */
    public sealed interface Offsite permits Dir, Rclone {
    }

    /** @param path an absolute folder on the host, meant to be another disk or mount */
    public record Dir(String path) implements Offsite {
        public Dir {
            Objects.requireNonNull(path, "path");
        }
    }

    /** @param remote an rclone {@code remote:path}, the remote configured in rclone's own config file */
    public record Rclone(String remote) implements Offsite {
        public Rclone {
            Objects.requireNonNull(remote, "remote");
        }
    }

    /**
     * @param restore how often a backup is restored to prove it: daily, weekly, monthly, never, or a five-field cron
     *                line (validated like {@code schedule})
     * @param query   must return true on the restored copy; null when the drill only checks the tables
     */
    public record Verify(String restore, String query) {
        public Verify {
            Objects.requireNonNull(restore, "restore");
        }
    }
}
