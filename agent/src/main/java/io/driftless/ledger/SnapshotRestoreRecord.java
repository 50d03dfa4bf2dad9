package io.driftless.ledger;

import java.time.Instant;

/**
 * A failed rollout restored the snapshot taken before it, as {@link Ledger#recordSnapshotRestore} records it.
 *
 * @param name             the backup policy whose database was restored
 * @param at               when the restore finished
 * @param snapshotId       the backup restored: the snapshot's id from {@link Ledger#recordBackup}
 * @param writesUndoneFrom the start of the window of writes the restore undid (the snapshot's time)
 * @param writesUndoneTo   its end (when the old database was replaced)
 * @param revision         the full SHA of the commit whose rollout failed
 * @param service          the service whose rollout took the snapshot
 * @param keptAs           the name the replaced database is kept under, so the undone writes can be recovered
 */
public record SnapshotRestoreRecord(String name, Instant at, long snapshotId, Instant writesUndoneFrom,
        Instant writesUndoneTo, String revision, String service, String keptAs) {
    public SnapshotRestoreRecord {
        Checks.snapshotRestore(name, at, snapshotId, writesUndoneFrom, writesUndoneTo, revision, service, keptAs);
    }
}
