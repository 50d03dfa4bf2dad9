package io.driftless.ledger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's memory: which commits it attempted, applied and gave up on, every rollout with its steps and
 * timings, events, and the status snapshot that {@code driftless status} prints. It is history, not the
 * source of truth for what runs (that is Docker).
 *
 * <p>Stored in {@code <stateDir>/ledger.db} (SQLite, WAL), so {@code status} in another process reads a
 * consistent snapshot while the agent writes. Every call is one short transaction: a crash or kill in the
 * middle leaves the ledger as it was before the call. The ledger never reads the clock; callers pass the
 * time, and it is kept to the millisecond. Calls are serialised, so the HTTP status endpoint may share the
 * agent's instance.
 */
public final class Ledger implements AutoCloseable {
    private final LedgerDatabase db;

    private Ledger(LedgerDatabase db) {
        this.db = db;
    }

    /** Opens the agent's ledger, creating the state dir and the ledger, and bringing its schema up to date. */
    public static Ledger open(Path stateDir) {
        return new Ledger(LedgerDatabase.openForWriting(stateDir));
    }

    /** Opens an existing ledger for {@code status}: never creates, migrates or writes. */
    public static Ledger openReadOnly(Path stateDir) {
        return new Ledger(LedgerDatabase.openForReading(stateDir));
    }

    public Path file() {
        return db.file();
    }

    /** Bytes free for the ledger on the state dir's disk, or -1 when the disk cannot be asked. */
    public long freeBytes() {
        try {
            return java.nio.file.Files.getFileStore(db.file().getParent()).getUsableSpace();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    // --- revisions -----------------------------------------------------------------------------------------

    public synchronized void recordAttempt(String sha, Instant at) {
        Checks.revision(sha);
        Objects.requireNonNull(at, "at");
        db.change("record the attempt of " + sha,
                c -> RevisionHistory.setPointer(c, RevisionHistory.LAST_ATTEMPTED, sha, at));
    }

    /** {@code sha} becomes the last known-good commit and is no longer failed. */
    public synchronized void recordApplied(String sha, Instant at) {
        Checks.revision(sha);
        Objects.requireNonNull(at, "at");
        db.change("record " + sha + " as applied", c -> {
            RevisionHistory.setPointer(c, RevisionHistory.LAST_APPLIED, sha, at);
            RevisionHistory.clearFailure(c, sha);
        });
    }

    /**
     * Marks {@code sha} failed so it is not retried on every poll.
     *
     * @param reason  CamelCase machine word: {@code HealthGateFailed}, {@code InvalidManifest}, ...
     * @param message the human sentence: what went wrong, where, what to do
     */
    public synchronized void recordFailed(String sha, String reason, String message, Instant at) {
        Checks.revision(sha);
        Checks.reason(reason);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        db.change("record " + sha + " as failed",
                c -> RevisionHistory.recordFailed(c, sha, reason, message, at));
    }

    public synchronized Optional<String> lastAttempted() {
        return db.read("read lastAttempted", c -> RevisionHistory.pointer(c, RevisionHistory.LAST_ATTEMPTED));
    }

    /** The last known-good commit. */
    public synchronized Optional<String> lastApplied() {
        return db.read("read lastApplied", c -> RevisionHistory.pointer(c, RevisionHistory.LAST_APPLIED));
    }

    /** Why {@code sha} failed, or empty if it never failed or was applied since. */
    public synchronized Optional<FailedRevision> failure(String sha) {
        Checks.revision(sha);
        return db.read("read the failure of " + sha, c -> RevisionHistory.failure(c, sha));
    }

    /** Revisions failed and not applied since, newest first. */
    public synchronized List<FailedRevision> failedRevisions() {
        return db.read("read the failed revisions", RevisionHistory::failed);
    }

    // --- rollouts ------------------------------------------------------------------------------------------

    /** Starts recording a rollout of {@code sha}; returns its id for the steps and the finish. */
    public synchronized long startRollout(String sha, Instant at) {
        Checks.revision(sha);
        Objects.requireNonNull(at, "at");
        return db.write("start a rollout of " + sha, c -> RolloutLog.start(c, sha, at));
    }

    /** Appends a step to a rollout; steps are numbered 1, 2, 3 ... in the order they are recorded. */
    public synchronized void recordStep(long rolloutId, String step, Instant started, Instant finished, String result) {
        if (step == null || step.isBlank()) {
            throw new IllegalArgumentException("rollout " + rolloutId + ": step name is blank");
        }
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(result, "result");
        if (finished.isBefore(started)) {
            throw new IllegalArgumentException("rollout " + rolloutId + ", step " + step + ": finished "
                    + finished + " before it started " + started);
        }
        db.write("record step " + step + " of rollout " + rolloutId,
                c -> RolloutLog.recordStep(c, rolloutId, step, started, finished, result));
    }

    /** @param reason CamelCase machine word, or null (an APPLIED rollout needs none) */
    public synchronized void finishRollout(long rolloutId, RolloutOutcome outcome, String reason, Instant at) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        if (reason != null) {
            Checks.reason(reason);
        }
        db.change("finish rollout " + rolloutId,
                c -> RolloutLog.finish(c, rolloutId, outcome, reason, at));
    }

    /**
     * Every rollout still open becomes INTERRUPTED (reason {@code AgentStopped}): the agent calls this at
     * start-up, before any new rollout, since the only unfinished rollouts then are those a crash left.
     *
     * @return how many rollouts were open
     */
    public synchronized int markInterrupted(Instant at) {
        Objects.requireNonNull(at, "at");
        return db.write("mark unfinished rollouts interrupted", c -> RolloutLog.markInterrupted(c, at));
    }

    /** The newest {@code limit} rollouts, newest first, each with its steps in order. */
    public synchronized List<RolloutRecord> recentRollouts(int limit) {
        requirePositive(limit);
        return db.read("read recent rollouts", c -> RolloutLog.recent(c, limit));
    }

    // --- events --------------------------------------------------------------------------------------------

    /**
     * @param level    {@code INFO}, {@code WARN} or {@code ERROR} (any case)
     * @param revision the commit concerned, or null
     * @param service  the service concerned, or null
     */
    public synchronized void event(Instant at, String level, String revision, String service, String message) {
        Objects.requireNonNull(at, "at");
        String normalisedLevel = Checks.level(level);
        Objects.requireNonNull(message, "message");
        db.write("record an event", c -> EventLog.append(c, at, normalisedLevel, revision, service, message));
    }

    /** The newest {@code limit} events, newest first. */
    public synchronized List<EventRecord> recentEvents(int limit) {
        requirePositive(limit);
        return db.read("read recent events", c -> EventLog.recent(c, limit));
    }

    // --- status snapshot -----------------------------------------------------------------------------------

    /** Replaces the saved services with {@code services}, observed at {@code at} (the end of a pass). */
    public synchronized void saveServices(List<ServiceStatus> services, Instant at) {
        List<ServiceStatus> copy = List.copyOf(services);
        Objects.requireNonNull(at, "at");
        db.change("save the services' status",
                c -> StatusSnapshot.saveServices(c, copy, at));
    }

    /**
     * Stores {@code condition} as the one condition of its type. If the stored one has the same status, its
     * lastTransitionTime is kept; otherwise {@code condition.lastTransitionTime()} (the caller's now) is used.
     */
    public synchronized void setCondition(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        db.change("set condition " + condition.type(),
                c -> StatusSnapshot.setCondition(c, condition));
    }

    /** Everything {@code driftless status} shows, read as one consistent snapshot. */
    public synchronized Status status() {
        return db.read("read the status", StatusSnapshot::read);
    }

    @Override
    public synchronized void close() {
        db.close();
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }
}
