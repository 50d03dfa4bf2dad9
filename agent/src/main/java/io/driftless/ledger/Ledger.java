package io.driftless.ledger;

import io.driftless.events.Reason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The agent's memory: which commits it attempted, applied and gave up on, every rollout with its steps and
 * timings, events, and the status snapshot that {@code driftless status} prints. It is history, not the
 * source of truth for what runs (that is Docker).
 *
 * <p>The port every store implements the same way (the ledger contract tests run against each): every call is
 * one short transaction, so a crash or kill in the middle leaves the ledger as it was before the call. The ledger
 * never reads the clock; callers pass the time, and it is kept to the millisecond. Calls are serialised, so the
 * HTTP status endpoint may share the agent's instance. Bad arguments are refused by {@link Checks} before a store
 * is touched, so every store refuses the same input with the same exception.
 */
public interface Ledger extends AutoCloseable {
    /** Rollouts happen on change only, so this is months of history at a modest size; older ones are pruned. */
    int KEEP_ROLLOUTS = 1_000;
    /** An agent polling every 30 s may log on every pass; keep days of that, not years. */
    int KEEP_EVENTS = 10_000;
    /**
     * Failed runs and backups rotation deleted are history, like rollouts: the newest this many are kept. Stored
     * backups are always kept (rotation bounds them); drills keep the same number.
     */
    int KEEP_BACKUP_HISTORY = 1_000;

    /**
     * The file the ledger is kept in. Only a store in a file has one; the others throw
     * {@link UnsupportedOperationException}, and their {@link #freeBytes()} is -1, so ask that first.
     */
    Path file();

    /** Bytes free for the ledger on the state dir's disk, or -1 when the disk cannot be asked. */
    long freeBytes();

    // --- revisions -----------------------------------------------------------------------------------------

    void recordAttempt(String sha, Instant at);

    /** {@code sha} becomes the last known-good commit and is no longer failed. */
    void recordApplied(String sha, Instant at);

    /**
     * Marks {@code sha} failed so it is not retried on every poll.
     *
     * @param reason  why; the ledger keeps its {@link Reason#code()} ({@code HealthGateFailed}, ...)
     * @param message the human sentence: what went wrong, where, what to do
     */
    void recordFailed(String sha, Reason reason, String message, Instant at);

    Optional<String> lastAttempted();

    /** The last known-good commit. */
    Optional<String> lastApplied();

    /** Why {@code sha} failed, or empty if it never failed or was applied since. */
    Optional<FailedRevision> failure(String sha);

    /** Revisions failed and not applied since, newest first; failures of the same millisecond newest recorded first. */
    List<FailedRevision> failedRevisions();

    // --- rollouts ------------------------------------------------------------------------------------------

    /**
     * Starts recording a rollout of {@code sha}; returns its id (1, 2, 3 ...) for the steps and the finish.
     *
     * @param subject the first line of the commit's message, for {@code history}, or null when unknown
     */
    long startRollout(String sha, String subject, Instant at);

    /** A rollout whose commit subject is not known. */
    default long startRollout(String sha, Instant at) {
        return startRollout(sha, null, at);
    }

    /** Appends a step to a rollout; steps are numbered 1, 2, 3 ... in the order they are recorded. */
    void recordStep(long rolloutId, String step, Instant started, Instant finished, String result);

    /** @param reason why it failed, or null (an APPLIED rollout needs none) */
    void finishRollout(long rolloutId, RolloutOutcome outcome, Reason reason, Instant at);

    /**
     * Every rollout still open becomes INTERRUPTED (reason {@code AgentStopped}): the agent calls this at
     * start-up, before any new rollout, since the only unfinished rollouts then are those a crash left.
     *
     * @return how many rollouts were open
     */
    int markInterrupted(Instant at);

    /** The newest {@code limit} rollouts, newest first, each with its steps in order. */
    List<RolloutRecord> recentRollouts(int limit);

    // --- events --------------------------------------------------------------------------------------------

    /**
     * @param level    {@code INFO}, {@code WARN} or {@code ERROR} (any case)
     * @param revision the commit concerned, or null
     * @param service  the service concerned, or null
     */
    void event(Instant at, String level, String revision, String service, String message);

    /** The newest {@code limit} events, newest first. */
    List<EventRecord> recentEvents(int limit);

    // --- backups and drills --------------------------------------------------------------------------------

    /** Records a backup whose file is stored; returns its id (1, 2, 3 ..., shared with failed runs). */
    long recordBackup(NewBackup backup);

    /**
     * Records a backup run that stored nothing; returns its id.
     *
     * @param reason why, e.g. {@link Reason#BACKUP_FAILED} or {@link Reason#SNAPSHOT_FAILED}
     */
    long recordBackupFailure(String name, BackupKind kind, Reason reason, String message, Instant at);

    /** Records the outcome of copying stored backup {@code backupId} offsite, replacing an earlier one. */
    void markOffsite(long backupId, Offsite offsite);

    /** Rotation deleted the file of stored backup {@code backupId}: it is no longer listed. */
    void markDeleted(long backupId, Instant at);

    /**
     * What re-reading stored backup {@code backupId} found ({@code backup verify}): one that no longer reads back
     * whole is unverified, and rotation and drills never count it again until a re-read finds it good.
     */
    void markVerified(long backupId, boolean verified);

    /**
     * The backups of policy {@code name} whose file is stored (not failed, not deleted), oldest first; backups made in
     * the same millisecond in the order recorded.
     */
    List<BackupRecord> storedBackups(String name);

    /** Records a restore drill; returns its id. */
    long recordDrill(DrillRecord drill);

    /**
     * Replaces the scheduler's next runs of every policy with {@code schedules}: a policy not in it has none any more.
     * The running agent calls this whenever its schedule changes, so {@code status} shows the next runs while the
     * agent is down.
     */
    void recordSchedules(List<BackupSchedule> schedules);

    /**
     * Records that a failed rollout restored a policy's snapshot; returns its id. The newest
     * {@link #KEEP_BACKUP_HISTORY} are kept, like drills.
     */
    long recordSnapshotRestore(SnapshotRestoreRecord restore);

    /**
     * Each policy with a backup, failed run, drill, snapshot restore or schedule, by name: what {@code status} shows of
     * it, with its next runs and its newest snapshot restore.
     */
    List<BackupStatus> backupStatus();

    // --- suspension ----------------------------------------------------------------------------------------

    /**
     * Suspends the host ({@code driftless suspend}): the agent applies no new commit until {@link #resume()}. Another
     * process may call this beside the running agent, which reads it at its next pass.
     *
     * @return empty when this call suspended the host; the suspension already in force otherwise (kept as it was)
     */
    Optional<Suspension> suspend(Suspension suspension);

    /** Lifts the suspension; returns the one lifted, or empty when the host was not suspended. */
    Optional<Suspension> resume();

    /** The suspension in force, or empty. */
    Optional<Suspension> suspension();

    // --- status snapshot -----------------------------------------------------------------------------------

    /** Replaces the saved services with {@code services}, observed at {@code at} (the end of a pass). */
    void saveServices(List<ServiceStatus> services, Instant at);

    /**
     * Stores {@code condition} as the one condition of its type. If the stored one has the same status, its
     * lastTransitionTime is kept; otherwise {@code condition.lastTransitionTime()} (the caller's now) is used.
     */
    void setCondition(Condition condition);

    /** Everything {@code driftless status} shows, read as one consistent snapshot. */
    Status status();

    @Override
    void close();
}
