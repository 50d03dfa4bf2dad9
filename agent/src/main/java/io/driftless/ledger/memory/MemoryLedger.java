package io.driftless.ledger.memory;

import io.driftless.events.Reason;
import io.driftless.ledger.Checks;
import io.driftless.ledger.Condition;
import io.driftless.ledger.EventRecord;
import io.driftless.ledger.FailedRevision;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.RolloutOutcome;
import io.driftless.ledger.RolloutRecord;
import io.driftless.ledger.ServiceStatus;
import io.driftless.ledger.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A ledger held in this process: what {@code plan} reads on a host the agent has not run on yet, and what tests use
 * where a file is not the point. It keeps the contract of the SQL store (the ledger contract tests run against
 * both): times to the millisecond, ids from 1, the same order, retention and refusals. Nothing outlives the object;
 * {@link #close()} releases nothing, so a closed one still reads.
 */
public final class MemoryLedger implements Ledger {
    private static final Comparator<Failure> NEWEST_FIRST =
            Comparator.comparing((Failure f) -> f.revision().failedAt()).thenComparingLong(Failure::seq).reversed();

    private String lastAttempted;
    private String lastApplied;
    private final Map<String, Failure> failures = new HashMap<>();
    private long lastFailureSeq;
    private final TreeMap<Long, Rollout> rollouts = new TreeMap<>();
    private long lastRolloutId;
    private final TreeMap<Long, EventRecord> events = new TreeMap<>();
    private long lastEventId;
    private final Map<String, Condition> conditions = new HashMap<>();
    private List<ServiceStatus> services = List.of();
    private Instant observedAt;

    /** A failure and the order it was recorded in, which breaks ties of the same millisecond. */
    private record Failure(FailedRevision revision, long seq) {}

    /** Has no file: see {@link Ledger#file()}. */
    @Override
    public Path file() {
        throw new UnsupportedOperationException("an in-memory ledger has no file");
    }

    /** No disk to ask. */
    @Override
    public long freeBytes() {
        return -1;
    }

    // --- revisions -----------------------------------------------------------------------------------------

    @Override
    public synchronized void recordAttempt(String sha, Instant at) {
        Checks.revisionAt(sha, at);
        lastAttempted = sha;
    }

    @Override
    public synchronized void recordApplied(String sha, Instant at) {
        Checks.revisionAt(sha, at);
        lastApplied = sha;
        failures.remove(sha);
    }

    @Override
    public synchronized void recordFailed(String sha, Reason reason, String message, Instant at) {
        Checks.failure(sha, reason, message, at);
        failures.put(sha, new Failure(new FailedRevision(sha, reason.code(), message, millis(at)), ++lastFailureSeq));
    }

    @Override
    public synchronized Optional<String> lastAttempted() {
        return Optional.ofNullable(lastAttempted);
    }

    @Override
    public synchronized Optional<String> lastApplied() {
        return Optional.ofNullable(lastApplied);
    }

    @Override
    public synchronized Optional<FailedRevision> failure(String sha) {
        Checks.revision(sha);
        return Optional.ofNullable(failures.get(sha)).map(Failure::revision);
    }

    @Override
    public synchronized List<FailedRevision> failedRevisions() {
        return failures.values().stream().sorted(NEWEST_FIRST).map(Failure::revision).toList();
    }

    // --- rollouts ------------------------------------------------------------------------------------------

    @Override
    public synchronized long startRollout(String sha, Instant at) {
        Checks.revisionAt(sha, at);
        long id = ++lastRolloutId;
        rollouts.put(id, new Rollout(id, sha, millis(at)));
        rollouts.headMap(id - KEEP_ROLLOUTS + 1).clear();
        return id;
    }

    @Override
    public synchronized void recordStep(long rolloutId, String step, Instant started, Instant finished, String result) {
        Checks.step(rolloutId, step, started, finished, result);
        rollout(rolloutId).step(step, millis(started), millis(finished), result);
    }

    @Override
    public synchronized void finishRollout(long rolloutId, RolloutOutcome outcome, Reason reason, Instant at) {
        Checks.finish(outcome, reason, at);
        rollout(rolloutId).finish(outcome, reason == null ? null : reason.code(), millis(at));
    }

    @Override
    public synchronized int markInterrupted(Instant at) {
        Objects.requireNonNull(at, "at");
        List<Rollout> open = rollouts.values().stream().filter(Rollout::running).toList();
        open.forEach(r -> r.finish(RolloutOutcome.INTERRUPTED, Reason.AGENT_STOPPED.code(), millis(at)));
        return open.size();
    }

    @Override
    public synchronized List<RolloutRecord> recentRollouts(int limit) {
        Checks.limit(limit);
        return rollouts.descendingMap().values().stream().limit(limit).map(Rollout::record).toList();
    }

    private Rollout rollout(long id) {
        Rollout rollout = rollouts.get(id);
        if (rollout == null) {
            throw Checks.noRollout(id);
        }
        return rollout;
    }

    // --- events --------------------------------------------------------------------------------------------

    @Override
    public synchronized void event(Instant at, String level, String revision, String service, String message) {
        String normalisedLevel = Checks.event(at, level, message);
        long id = ++lastEventId;
        events.put(id, new EventRecord(id, millis(at), normalisedLevel, revision, service, message));
        events.headMap(id - KEEP_EVENTS, true).clear();
    }

    @Override
    public synchronized List<EventRecord> recentEvents(int limit) {
        Checks.limit(limit);
        return events.descendingMap().values().stream().limit(limit).toList();
    }

    // --- status snapshot -----------------------------------------------------------------------------------

    @Override
    public synchronized void saveServices(List<ServiceStatus> services, Instant at) {
        this.services = Checks.services(services, at);
        observedAt = millis(at);
    }

    @Override
    public synchronized void setCondition(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        Condition kept = condition.replacing(conditions.get(condition.type()));
        conditions.put(kept.type(), new Condition(kept.type(), kept.status(), kept.reason(), kept.message(),
                millis(kept.lastTransitionTime())));
    }

    @Override
    public synchronized Status status() {
        return new Status(lastAttempted, lastApplied, failedRevisions(),
                conditions.values().stream().sorted(Condition.READING_ORDER).toList(),
                services.stream().sorted(ServiceStatus.BY_NAME).toList(),
                observedAt);
    }

    @Override
    public void close() {}

    /** The SQL store keeps epoch milliseconds; so does this one, so both give back the same instants. */
    static Instant millis(Instant at) {
        return Instant.ofEpochMilli(at.toEpochMilli());
    }
}
