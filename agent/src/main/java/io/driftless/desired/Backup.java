package io.driftless.desired;

import java.util.Objects;

/** A database backup policy (run and verified by the backup package). */
public record Backup(String name, Postgres postgres, String schedule, Keep keep, Verify verify) {
    public Backup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(keep, "keep");
    }

    /** @param passwordFile a path on the host; never the password itself */
    public record Postgres(String url, String passwordFile) {
    }

    public record Keep(int daily, int weekly, int monthly) {
    }

    /** @param restore how often a backup is restored to prove it (daily, weekly, monthly, never) */
    public record Verify(String restore, String query) {
    }
}
