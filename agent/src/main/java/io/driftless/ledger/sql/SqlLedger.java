package io.driftless.ledger.sql;

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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger in a SQL database through JDBC and Flyway; the embedded default is {@code <stateDir>/ledger.db} (SQLite,
 * WAL), so {@code status} in another process reads a consistent snapshot while the agent writes.
 */
public final class SqlLedger implements Ledger {
    private final LedgerDatabase db;

    private SqlLedger(LedgerDatabase db) {
        this.db = db;
    }

    /** Opens the agent's ledger, creating the state dir and the ledger, and bringing its schema up to date. */
    public static SqlLedger open(Path stateDir) {
        return new SqlLedger(LedgerDatabase.openForWriting(SqliteFile.forWriting(stateDir)));
    }

    /**
     * Opens an existing ledger for {@code status}: never creates, migrates or writes. A ledger an older agent wrote
     * (its schema not migrated yet: the binary was upgraded while the agent is down) is read as it is.
     */
    public static SqlLedger openReadOnly(Path stateDir) {
        return new SqlLedger(LedgerDatabase.openForReading(SqliteFile.forReading(stateDir)));
    }

    /** Opens the agent's ledger on a PostgreSQL server, bringing its schema up to date (the database must exist). */
    public static SqlLedger open(PostgresLedgerAddress address) {
        return new SqlLedger(LedgerDatabase.openForWriting(PostgresServer.of(address, false)));
    }

    /** Opens a PostgreSQL ledger for {@code status} and {@code plan}: never migrates or writes. */
    public static SqlLedger openReadOnly(PostgresLedgerAddress address) {
        return new SqlLedger(LedgerDatabase.openForReading(PostgresServer.of(address, true)));
    }

    /**
     * What {@code plan} reads of a PostgreSQL ledger: {@link #openReadOnly(PostgresLedgerAddress)}, or empty when the
     * database (its current schema) is still empty because the agent has not run on it yet, so plan reads an empty
     * ledger instead. A database that holds something other than a ledger is refused as by {@code openReadOnly}.
     */
    public static Optional<SqlLedger> openForPlan(PostgresLedgerAddress address) {
        return LedgerDatabase.openForReadingIfCreated(PostgresServer.of(address, true)).map(SqlLedger::new);
    }

    /**
     * What {@code plan} reads: the agent's ledger read-only if there is one, even of an older schema (a newer binary's
     * plan must never migrate the ledger of an older agent running beside it); empty when there is none, so plan
     * creates nothing on a host the agent has not run on (it reads an empty ledger instead).
     */
    public static Optional<SqlLedger> openForPlan(Path stateDir) {
        if (!SqliteFile.exists(stateDir)) {
            return Optional.empty();
        }
        return Optional.of(openReadOnly(stateDir));
    }

    @Override
    public Path file() {
        return switch (db.database()) {
            case SqliteFile sqlite -> sqlite.file();
            case PostgresServer server -> throw new UnsupportedOperationException(
                    "the ledger on " + server.name() + " is not a file");
        };
    }

    @Override
    public long freeBytes() {
        return switch (db.database()) {
            case SqliteFile sqlite -> sqlite.freeBytes();
            case PostgresServer server -> -1;
        };
    }

    // --- revisions -----------------------------------------------------------------------------------------

    @Override
    public synchronized void recordAttempt(String sha, Instant at) {
        Checks.revisionAt(sha, at);
        db.change("record the attempt of " + sha,
                c -> RevisionHistory.setPointer(c, RevisionHistory.LAST_ATTEMPTED, sha, at));
    }

    @Override
    public synchronized void recordApplied(String sha, Instant at) {
        Checks.revisionAt(sha, at);
        db.change("record " + sha + " as applied", c -> {
            RevisionHistory.setPointer(c, RevisionHistory.LAST_APPLIED, sha, at);
            RevisionHistory.clearFailure(c, sha);
        });
    }

    @Override
    public synchronized void recordFailed(String sha, Reason reason, String message, Instant at) {
        Checks.failure(sha, reason, message, at);
        db.change("record " + sha + " as failed",
                c -> RevisionHistory.recordFailed(c, sha, reason.code(), message, at));
    }

    @Override
    public synchronized Optional<String> lastAttempted() {
        return db.read("read lastAttempted", c -> RevisionHistory.pointer(c, RevisionHistory.LAST_ATTEMPTED));
    }

    @Override
    public synchronized Optional<String> lastApplied() {
        return db.read("read lastApplied", c -> RevisionHistory.pointer(c, RevisionHistory.LAST_APPLIED));
    }

    @Override
    public synchronized Optional<FailedRevision> failure(String sha) {
        Checks.revision(sha);
        return db.read("read the failure of " + sha, c -> RevisionHistory.failure(c, sha));
    }

    @Override
    public synchronized List<FailedRevision> failedRevisions() {
        return db.read("read the failed revisions", RevisionHistory::failed);
    }

    // --- rollouts ------------------------------------------------------------------------------------------

    @Override
    public synchronized long startRollout(String sha, String subject, Instant at) {
        Checks.revisionAt(sha, at);
        return db.write("start a rollout of " + sha, c -> RolloutLog.start(c, sha, subject, at));
    }

    @Override
    public synchronized void recordStep(long rolloutId, String step, Instant started, Instant finished, String result) {
        Checks.step(rolloutId, step, started, finished, result);
        db.write("record step " + step + " of rollout " + rolloutId,
                c -> RolloutLog.recordStep(c, rolloutId, step, started, finished, result));
    }

    @Override
    public synchronized void finishRollout(long rolloutId, RolloutOutcome outcome, Reason reason, Instant at) {
        Checks.finish(outcome, reason, at);
        db.change("finish rollout " + rolloutId,
                c -> RolloutLog.finish(c, rolloutId, outcome, reason == null ? null : reason.code(), at));
    }

    @Override
    public synchronized int markInterrupted(Instant at) {
        Objects.requireNonNull(at, "at");
        return db.write("mark unfinished rollouts interrupted", c -> RolloutLog.markInterrupted(c, at));
    }

    @Override
    public synchronized List<RolloutRecord> recentRollouts(int limit) {
        Checks.limit(limit);
        return db.read("read recent rollouts", c -> RolloutLog.recent(c, limit));
    }

    // --- events --------------------------------------------------------------------------------------------

    @Override
    public synchronized void event(Instant at, String level, String revision, String service, String message) {
        String normalisedLevel = Checks.event(at, level, message);
        db.write("record an event", c -> EventLog.append(c, at, normalisedLevel, revision, service, message));
    }

    @Override
    public synchronized List<EventRecord> recentEvents(int limit) {
        Checks.limit(limit);
        return db.read("read recent events", c -> EventLog.recent(c, limit));
    }

    // --- backups and drills --------------------------------------------------------------------------------

    @Override
    public synchronized long recordBackup(NewBackup backup) {
        Objects.requireNonNull(backup, "backup");
        return db.write("record a backup of " + backup.name(), c -> BackupLog.recordBackup(c, backup));
    }

    @Override
    public synchronized long recordBackupFailure(String name, BackupKind kind, Reason reason, String message,
            Instant at) {
        Checks.backupFailure(name, kind, reason, message, at);
        return db.write("record a failed backup of " + name,
                c -> BackupLog.recordFailure(c, name, kind, reason.code(), message, at));
    }

    @Override
    public synchronized void markOffsite(long backupId, Offsite offsite) {
        Objects.requireNonNull(offsite, "offsite");
        db.change("record the offsite copy of backup " + backupId, c -> BackupLog.markOffsite(c, backupId, offsite));
    }

    @Override
    public synchronized void markDeleted(long backupId, Instant at) {
        Objects.requireNonNull(at, "at");
        db.change("mark backup " + backupId + " deleted", c -> BackupLog.markDeleted(c, backupId, at));
    }

    @Override
    public synchronized void markVerified(long backupId, boolean verified) {
        db.change("mark backup " + backupId + (verified ? " verified" : " unverified"), c -> BackupLog.markVerified(c, backupId, verified));
    }

    @Override
    public synchronized List<BackupRecord> storedBackups(String name) {
        Checks.policy(name);
        return db.read("read the backups of " + name, c -> BackupRow.storedOf(BackupLog.rows(c, name), name));
    }

    @Override
    public synchronized long recordDrill(DrillRecord drill) {
        Objects.requireNonNull(drill, "drill");
        return db.write("record a drill of " + drill.name(), c -> BackupLog.recordDrill(c, drill));
    }

    @Override
    public synchronized void recordSchedules(List<BackupSchedule> schedules) {
        List<BackupSchedule> copy = Checks.schedules(schedules);
        db.change("record the backups' next runs", c -> BackupLog.recordSchedules(c, copy));
    }

    @Override
    public synchronized long recordSnapshotRestore(SnapshotRestoreRecord restore) {
        Objects.requireNonNull(restore, "restore");
        return db.write("record the snapshot restore of " + restore.name(),
                c -> BackupLog.recordSnapshotRestore(c, restore));
    }

    @Override
    public synchronized List<BackupStatus> backupStatus() {
        return db.read("read the backups' status", BackupLog::status);
    }

    // --- suspension ----------------------------------------------------------------------------------------

    @Override
    public synchronized Optional<Suspension> suspend(Suspension suspension) {
        Objects.requireNonNull(suspension, "suspension");
        return db.write("suspend the host", c -> StatusSnapshot.suspend(c, suspension));
    }

    @Override
    public synchronized Optional<Suspension> resume() {
        return db.write("resume the host", StatusSnapshot::resume);
    }

    @Override
    public synchronized Optional<Suspension> suspension() {
        return db.read("read the suspension", StatusSnapshot::suspension);
    }

    // --- status snapshot -----------------------------------------------------------------------------------

    @Override
    public synchronized void saveServices(List<ServiceStatus> services, Instant at) {
        List<ServiceStatus> copy = Checks.services(services, at);
        db.change("save the services' status", c -> StatusSnapshot.saveServices(c, copy, at));
    }

    @Override
    public synchronized void setCondition(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        db.change("set condition " + condition.type(), c -> StatusSnapshot.setCondition(c, condition));
    }

    @Override
    public synchronized Status status() {
        return db.read("read the status", StatusSnapshot::read);
    }

    @Override
    public synchronized void close() {
        db.close();
    }
}
