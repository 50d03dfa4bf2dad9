package io.driftless.backup;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A stored backup as rotation sees it, read from the ledger.
 *
 * @param id       the ledger's id; ids grow in the order backups were recorded
 * @param at       the time the ledger recorded, never the file's mtime (a copy or a restore of the folder resets those)
 * @param verified whether the backup passed its checks; one that did not is never counted by any rule
 * @param own      whether the file is the agent's own (its own name in its own folder); only those are ever deleted
 */
public record RecordedBackup(long id, BackupKind kind, Instant at, boolean verified, boolean own) {
    /**
     * Newest first by the recorded second, then by id: within one second the ledger's order is more trustworthy than
     * sub-second times from a clock that may have been stepped.
     */
    public static final Comparator<RecordedBackup> NEWEST_FIRST = Comparator
            .comparingLong((RecordedBackup backup) -> backup.at().getEpochSecond())
            .thenComparingLong(RecordedBackup::id)
            .reversed();

    public RecordedBackup {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
