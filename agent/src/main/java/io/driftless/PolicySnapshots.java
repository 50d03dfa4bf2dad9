package io.driftless;

import io.driftless.backup.BackupKind;
import io.driftless.backup.BackupRunner;
import io.driftless.backup.PolicyLocks;
import io.driftless.desired.Backup;
import io.driftless.rollout.Snapshots;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.driftless.events.Commits.shortSha;

/**
 * {@link Snapshots} over the backup runner: a snapshot is one backup of kind snapshot (ledger row, events, offsite copy,
 * rotation as for any backup) taken under the policy's lock, which the rollout keeps until its session closes.
 */
final class PolicySnapshots implements Snapshots {
    private final BackupRunner backups;

    PolicySnapshots(BackupRunner backups) {
        this.backups = backups;
    }

    @Override
    public Session open(String commit) {
        return new PolicySession(commit);
    }

    private final class PolicySession implements Session {
        private final String commit;
        private final List<PolicyLocks.Held> held = new ArrayList<>();

        PolicySession(String commit) {
            this.commit = commit;
        }

        @Override
        public Taken take(Backup policy, String service, boolean restoreOnFailure) throws Failed, InterruptedException {
            try {
                held.add(backups.locks().hold(policy.name(), backups.timeout()));
            } catch (PolicyLocks.Busy e) {
                throw new Failed(e.getMessage());
            }
            Optional<String> schema = Optional.empty();
            if (restoreOnFailure) {
                try {
                    schema = Optional.of(backups.schema(policy));
                } catch (BackupRunner.SchemaUnread e) {
                    throw new Failed(e.getMessage() + "; without it a failed rollout could not tell whether to restore");
                }
            }
            BackupRunner.BackupOutcome outcome = backups.backup(policy, BackupKind.SNAPSHOT, commit);
            if (outcome.stored().isEmpty()) {
                throw new Failed(outcome.failure().orElse("no snapshot was stored") + "; fix it, then run "
                        + "'driftless reconcile --retry'");
            }
            return new Taken(policy, service, outcome.stored().get().id(), outcome.stored().get().at(), restoreOnFailure, schema);
        }

        @Override
        public Restore restoreIfSchemaChanged(Taken taken) throws InterruptedException {
            String now;
            try {
                now = backups.schema(taken.policy());
            } catch (BackupRunner.SchemaUnread e) {
                return failed(taken, "cannot tell whether the candidate changed the schema, so snapshot #" + taken.snapshotId()
                        + " was not restored: " + e.getMessage());
            }
            if (taken.schema().isEmpty()) {
                return failed(taken, "snapshot #" + taken.snapshotId() + " was taken without the schema's fingerprint");
            }
            if (now.equals(taken.schema().get())) {
                LoggerFactory.getLogger("driftless").info("commit {} service {} backup {}: the schema is as snapshot #{} found it, "
                        + "so nothing is restored", shortSha(commit), taken.service(), taken.policy().name(), taken.snapshotId());
                return new Restore.Unchanged();
            }
            BackupRunner.SnapshotRestoreOutcome outcome = backups.restoreSnapshot(taken.policy(), taken.snapshotId(), commit,
                    taken.service());
            if (outcome.restored().isPresent()) {
                var r = outcome.restored().get();
                return new Restore.Restored(r.writesUndoneFrom(), r.writesUndoneTo(), r.keptAs());
            }
            return new Restore.Failed(outcome.failure().orElse("not restored"));
        }

        private Restore failed(Taken taken, String message) {
            backups.events().publish(new io.driftless.events.AgentEvent.SnapshotRestoreFailed(backups.clock().instant(), commit,
                    taken.service(), taken.policy().name(), message));
            return new Restore.Failed(message);
        }

        @Override
        public void close() {
            for (PolicyLocks.Held h : held.reversed()) {
                h.close();
            }
            held.clear();
        }
    }
}
