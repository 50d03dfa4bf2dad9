package io.driftless.backup;

/** Why a backup was taken, which decides the rule that rotates it. */
public enum BackupKind {
    /** Taken on the policy's cron schedule. */
    SCHEDULED,
    /** Taken on demand ({@code driftless backup run}). */
    MANUAL,
    /** Taken right before a service's candidate starts. */
    SNAPSHOT,
    /** Taken of a database right before a restore overwrites it. */
    PRE_RESTORE;

    /** Scheduled and manual backups fill {@code last} and the GFS slots; the others live for {@code keep.snapshots}. */
    boolean fillsSlots() {
        return switch (this) {
            case SCHEDULED, MANUAL -> true;
            case SNAPSHOT, PRE_RESTORE -> false;
        };
    }
}
