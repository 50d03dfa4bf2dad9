package io.driftless.rollout;

import io.driftless.desired.Backup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The port through which a rollout backs up a service's database right before its candidate starts, and puts that
 * snapshot back when the rollout fails after the candidate started and the schema changed since (DESIGN.md, "Backups:
 * semantics"). The composition root implements it over the backup runner; {@link #NONE} refuses every snapshot.
 *
 * <p>A backup and a rollout never run at once on the same database: a snapshot holds its policy's lock until the
 * rollout's {@link Session} is closed, after the rollout ended and any restore finished, so a backup due meanwhile
 * waits.
 */
public interface Snapshots {

    /** For hosts and tests with no backup runner: a service asking for a snapshot fails its rollout, saying why. */
    Snapshots NONE = commit -> new Session() {
        @Override
        public Taken take(Backup policy, String service, boolean restoreOnFailure) throws Failed {
            throw new Failed("backup " + policy.name() + ": this agent was built without backups, so no snapshot can be "
                    + "taken before the candidate of service " + service + " starts");
        }

        @Override
        public Restore restoreIfSchemaChanged(Taken taken) {
            return new Restore.Failed("this agent was built without backups");
        }

        @Override
        public void close() {
        }
    };

    /** One rollout's snapshots, taken for commit {@code commit}. */
    Session open(String commit);

    /** What one rollout snapshotted; closing it releases every policy lock its snapshots hold. */
    interface Session extends AutoCloseable {

        /**
         * Holds {@code policy}'s lock until {@link #close}, then backs its database up (kind snapshot) and, when
         * {@code restoreOnFailure}, reads its schema's fingerprint.
         *
         * @throws Failed when no snapshot was stored (or its schema could not be read); the message names the backup
         *                and says what to do
         */
        Taken take(Backup policy, String service, boolean restoreOnFailure) throws Failed, InterruptedException;

        /**
         * After a rollout that failed once {@code taken}'s candidate had started and the old version serves again:
         * when the schema's fingerprint differs from the one taken with the snapshot, replaces the database with the
         * snapshot (connections revoked and ended, a pre-restore backup first, all or nothing), records it and tells
         * the event stream; otherwise changes nothing. Never throws for an expected failure: it is a value.
         */
        Restore restoreIfSchemaChanged(Taken taken) throws InterruptedException;

        @Override
        void close();
    }

    /**
     * A snapshot stored before a candidate started.
     *
     * @param snapshotId the backup's id in the ledger
     * @param at         when the snapshot was taken: the start of the window of writes a restore would undo
     * @param schema     the schema's fingerprint at snapshot time, present when {@code restoreOnFailure}
     */
    record Taken(Backup policy, String service, long snapshotId, Instant at, boolean restoreOnFailure,
                 Optional<String> schema) {
        public Taken {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /** What became of a snapshot after its rollout failed. */
    sealed interface Restore {
        /** The schema is as the snapshot found it: the old version runs on it, so nothing was restored. */
        record Unchanged() implements Restore {
        }

        /**
         * The schema changed, so the snapshot was restored: writes from {@code writesUndoneFrom} to
         * {@code writesUndoneTo} are undone, and the replaced database is kept as {@code keptAs}.
         */
        record Restored(Instant writesUndoneFrom, Instant writesUndoneTo, String keptAs) implements Restore {
        }

        /** It should have been restored, or the schema could not be compared, and the database is as it was left. */
        record Failed(String message) implements Restore {
        }
    }

    /** No snapshot was stored; the message names the backup and says what to do. */
    final class Failed extends Exception {
        public Failed(String message) {
            super(message, null, false, false);
        }
    }
}
