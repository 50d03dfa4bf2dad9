package io.driftless.backup;

import io.driftless.desired.Backup;
import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.ledger.BackupRecord;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.NewBackup;
import io.driftless.ledger.SnapshotRestoreRecord;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The backup side of a snapshot before a rollout ({@link BackupRunner#schema}, {@link BackupRunner#restoreSnapshot}):
 * the schema's fingerprint of a policy's database, and the snapshot put back into that same database with the
 * break-glass restore (sessions refused and ended, pre-restore backup, scratch database, swap by rename), recorded in
 * the ledger and told as {@link AgentEvent.SnapshotRestored} or {@link AgentEvent.SnapshotRestoreFailed}. The caller
 * holds the policy's lock.
 */
record SnapshotRestore(PgAccessFactory access, Ledger ledger, EventSink events, Clock clock, Duration timeout) {

    String schema(Backup policy) throws BackupRunner.SchemaUnread {
        PgAccess pg;
        String password;
        try {
            pg = access.of(policy);
            password = PolicyPassword.read(pg.passwordFile());
        } catch (PgAccessFactory.Unusable e) {
            throw new BackupRunner.SchemaUnread(e.getMessage());
        } catch (PolicyPassword.Unusable e) {
            throw new BackupRunner.SchemaUnread("backup " + policy.name() + ": " + e.getMessage());
        }
        try {
            return pg.server().schemaFingerprint(pg.connection(), password);
        } catch (PgServer.Unreachable e) {
            throw new BackupRunner.SchemaUnread("backup " + policy.name() + ": cannot read the schema of " + pg.where()
                    + ": " + e.getMessage());
        }
    }

    BackupRunner.SnapshotRestoreOutcome restore(Backup policy, BackupRecord snapshot, String commit, String service) {
        Instant started = clock.instant();
        PgAccess pg;
        DumpResult.Stored stored;
        try {
            pg = access.of(policy);
            stored = BackupRunner.stored(snapshot);
        } catch (PgAccessFactory.Unusable | BackupRunner.NoSuchBackup e) {
            return failed(policy, commit, service, e.getMessage());
        }
        RestoreResult result = new BreakGlassRestore(pg.tools(), pg.server(), pg.root(), clock, timeout)
                .run(new RestoreRequest(policy.name(), stored, pg.connection(), pg.passwordFile(), Path.of(policy.target()),
                        commit == null ? "-" : commit));
        return switch (result) {
            case RestoreResult.Failed f -> failed(policy, commit, service, "snapshot #" + snapshot.id() + " was not restored ("
                    + f.message() + ")");
            case RestoreResult.Restored r -> {
                Instant now = clock.instant();
                DumpResult.Stored pre = r.preRestoreBackup();
                long preId = ledger.recordBackup(new NewBackup(policy.name(), io.driftless.ledger.BackupKind.PRE_RESTORE,
                        pre.facts().at(), pre.file().toString(), pre.facts().size(), pre.facts().sha256(), true));
                events.publish(new AgentEvent.BackupStored(now, commit, policy.name(),
                        io.driftless.ledger.BackupKind.PRE_RESTORE.word(), preId, pre.file().toString(), pre.facts().size(),
                        Duration.between(started, now)));
                SnapshotRestoreRecord record = new SnapshotRestoreRecord(policy.name(), now, snapshot.id(), snapshot.at(), now,
                        commit, service, r.replacedKeptAs());
                ledger.recordSnapshotRestore(record);
                events.publish(new AgentEvent.SnapshotRestored(now, commit, service, policy.name(), snapshot.id(),
                        snapshot.at(), now, r.replacedKeptAs()));
                yield new BackupRunner.SnapshotRestoreOutcome(Optional.of(record), Optional.of(preId), Optional.empty());
            }
        };
    }

    BackupRunner.SnapshotRestoreOutcome failed(Backup policy, String commit, String service, String message) {
        events.publish(new AgentEvent.SnapshotRestoreFailed(clock.instant(), commit, service, policy.name(), message));
        return new BackupRunner.SnapshotRestoreOutcome(Optional.empty(), Optional.empty(), Optional.of(message));
    }
}
