package io.driftless.ledger.memory;

import io.driftless.events.Reason;
import io.driftless.ledger.BackupKind;
import io.driftless.ledger.BackupRecord;
import io.driftless.ledger.BackupRow;
import io.driftless.ledger.BackupSchedule;
import io.driftless.ledger.BackupStatus;
import io.driftless.ledger.Checks;
import io.driftless.ledger.Condition;
import io.driftless.ledger.DrillRecord;
import io.driftless.ledger.EventRecord;
import io.driftless.ledger.FailedRevision;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.NewBackup;
import io.driftless.ledger.Offsite;
import io.driftless.ledger.RolloutOutcome;
import io.driftless.ledger.RolloutRecord;
import io.driftless.ledger.ServiceStatus;
import io.driftless.ledger.SnapshotRestoreRecord;
import io.driftless.ledger.Status;
import io.driftless.ledger.Suspension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
    private Suspension suspension;
    private final TreeMap<Long, EventRecord> events = new TreeMap<>();
    private long lastEventId;
    private final Map<String, Condition> conditions = new HashMap<>();
    private List<ServiceStatus> services = List.of();
    private Instant observedAt;
    private final TreeMap<Long, BackupRow> backups = new TreeMap<>();
    private long lastBackupId;
    private final TreeMap<Long, BackupRow.Drill> drills = new TreeMap<>();
    private long lastDrillId;
    private final TreeMap<Long, BackupRow.Restore> restores = new TreeMap<>();
    private long lastRestoreId;
    private List<BackupSchedule> schedules = List.of();

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
    public synchronized long startRollout(String sha, String subject, Instant at) {
        Checks.revisionAt(sha, at);
        long id = ++lastRolloutId;
        rollouts.put(id, new Rollout(id, sha, subject, millis(at)));
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

    // --- backups and drills --------------------------------------------------------------------------------

    @Override
    public synchronized long recordBackup(NewBackup backup) {
        Objects.requireNonNull(backup, "backup");
        long id = ++lastBackupId;
        NewBackup kept = new NewBackup(backup.name(), backup.kind(), millis(backup.at()), backup.file(),
                backup.sizeBytes(), backup.sha256(), backup.verified());
        backups.put(id, BackupRow.stored(id, kept));
        prune(id);
        return id;
    }

    @Override
    public synchronized long recordBackupFailure(String name, BackupKind kind, Reason reason, String message,
            Instant at) {
        Checks.backupFailure(name, kind, reason, message, at);
        long id = ++lastBackupId;
        backups.put(id, BackupRow.failed(id, name, kind, reason.code(), message, millis(at)));
        prune(id);
        return id;
    }

    @Override
    public synchronized void markOffsite(long backupId, Offsite offsite) {
        Objects.requireNonNull(offsite, "offsite");
        backups.put(backupId, stored(backupId).withOffsite(offsite));
    }

    @Override
    public synchronized void markDeleted(long backupId, Instant at) {
        Objects.requireNonNull(at, "at");
        BackupRow row = stored(backupId);
        if (row.deletedAt() != null) {
            throw Checks.deletedTwice(backupId);
        }
        backups.put(backupId, row.deleted(millis(at)));
    }

    @Override
    public synchronized void markVerified(long backupId, boolean verified) {
        backups.put(backupId, stored(backupId).withVerified(verified));
    }

    @Override
    public synchronized List<BackupRecord> storedBackups(String name) {
        Checks.policy(name);
        return BackupRow.storedOf(new ArrayList<>(backups.values()), name);
    }

    @Override
    public synchronized long recordDrill(DrillRecord drill) {
        Objects.requireNonNull(drill, "drill");
        long id = ++lastDrillId;
        drills.put(id, new BackupRow.Drill(id, new DrillRecord(drill.name(), millis(drill.at()), drill.passed(),
                drill.durationMs(), drill.sizeBytes(), drill.message(), drill.backupId())));
        drills.headMap(id - KEEP_BACKUP_HISTORY, true).clear();
        return id;
    }

    @Override
    public synchronized void recordSchedules(List<BackupSchedule> schedules) {
        this.schedules = Checks.schedules(schedules).stream()
                .map(s -> new BackupSchedule(s.name(), millis(s.nextBackupAt()),
                        s.nextDrillAt() == null ? null : millis(s.nextDrillAt())))
                .toList();
    }

    @Override
    public synchronized long recordSnapshotRestore(SnapshotRestoreRecord r) {
        Objects.requireNonNull(r, "restore");
        long id = ++lastRestoreId;
        restores.put(id, new BackupRow.Restore(id, new SnapshotRestoreRecord(r.name(), millis(r.at()), r.snapshotId(),
                millis(r.writesUndoneFrom()), millis(r.writesUndoneTo()), r.revision(), r.service(), r.keptAs())));
        restores.headMap(id - KEEP_BACKUP_HISTORY, true).clear();
        return id;
    }

    @Override
    public synchronized List<BackupStatus> backupStatus() {
        return BackupRow.status(new ArrayList<>(backups.values()), new ArrayList<>(drills.values()),
                new ArrayList<>(restores.values()), schedules);
    }

    private BackupRow stored(long id) {
        BackupRow row = backups.get(id);
        if (row == null || !row.isStored()) {
            throw Checks.noBackup(id);
        }
        return row;
    }

    private void prune(long newestId) {
        backups.values().removeIf(r -> r.prunable(newestId));
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
                observedAt,
                backupStatus(),
                suspension);
    }

    // --- suspension ----------------------------------------------------------------------------------------

    @Override
    public synchronized Optional<Suspension> suspend(Suspension suspension) {
        Objects.requireNonNull(suspension, "suspension");
        if (this.suspension != null) {
            return Optional.of(this.suspension);
        }
        this.suspension = new Suspension(millis(suspension.at()), suspension.by(), suspension.reason());
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Suspension> resume() {
        Optional<Suspension> lifted = Optional.ofNullable(suspension);
        suspension = null;
        return lifted;
    }

    @Override
    public synchronized Optional<Suspension> suspension() {
        return Optional.ofNullable(suspension);
    }

    @Override
    public void close() {}

    /** The SQL store keeps epoch milliseconds; so does this one, so both give back the same instants. */
    static Instant millis(Instant at) {
        return Instant.ofEpochMilli(at.toEpochMilli());
    }
}
