package io.driftless.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One backup policy in {@code status --json}'s {@code backups[]}; the field names are the contract (DESIGN.md).
 *
 * @param lastBackup          the newest backup made, or null before the first
 * @param lastFailure         the newest failed run after {@code lastBackup}, or null
 * @param lastDrill           the newest drill, or null before the first
 * @param lastSnapshotRestore the newest restore of a rollout's snapshot, or null
 * @param nextBackupAt        when the scheduler runs it next, or null when it does not say
 * @param nextDrillAt         when the scheduler drills it next, or null when it does not say
 */
public record BackupStatus(String name, LastBackup lastBackup, BackupFailure lastFailure, LastDrill lastDrill,
        SnapshotRestore lastSnapshotRestore, Instant nextBackupAt, Instant nextDrillAt) {
    public record LastBackup(long id, Instant at, long sizeBytes, String sha256, boolean verified, Offsite offsite) {}

    public record BackupFailure(Instant at, String reason, String message) {}

    public record LastDrill(Instant at, boolean passed, long durationMs, String message) {}

    /**
     * @param writesUndoneFrom the start of the window of writes the restore undid; to its end
     * @param revision         the commit whose rollout failed; with {@code service} and {@code keptAs} (where the
     *                         replaced database is kept) for people only: not in {@code status --json}
     */
    public record SnapshotRestore(Instant at, long snapshotId, Instant writesUndoneFrom, Instant writesUndoneTo,
            @JsonIgnore String revision, @JsonIgnore String service, @JsonIgnore String keptAs) {
        static SnapshotRestore of(SnapshotRestoreRecord r) {
            return new SnapshotRestore(r.at(), r.snapshotId(), r.writesUndoneFrom(), r.writesUndoneTo(), r.revision(),
                    r.service(), r.keptAs());
        }
    }
}
