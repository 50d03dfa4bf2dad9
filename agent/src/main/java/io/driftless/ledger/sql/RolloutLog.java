package io.driftless.ledger.sql;

import io.driftless.events.Reason;
import io.driftless.ledger.Checks;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.RolloutOutcome;
import io.driftless.ledger.RolloutRecord;
import io.driftless.ledger.RolloutStep;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** SQL for rollouts and their steps. Callers hold the transaction. */
final class RolloutLog {
    private RolloutLog() {}

    static long start(Connection c, String sha, String subject, Instant at) throws SQLException {
        long id = Sql.insert(c, "INSERT INTO rollout (revision, subject, started_ms) VALUES (?, ?, ?) RETURNING id",
                sha, subject, at);
        long oldestKept = id - Ledger.KEEP_ROLLOUTS + 1;
        Sql.update(c, "DELETE FROM rollout_step WHERE rollout_id < ?", oldestKept);
        Sql.update(c, "DELETE FROM rollout WHERE id < ?", oldestKept);
        return id;
    }

    static int recordStep(Connection c, long rolloutId, String step, Instant started, Instant finished, String result)
            throws SQLException {
        requireRollout(c, rolloutId);
        int seq = Sql.one(c, "SELECT COALESCE(MAX(seq), 0) + 1 FROM rollout_step WHERE rollout_id = ?",
                r -> r.getInt(1), rolloutId).orElseThrow();
        Sql.update(c, """
                INSERT INTO rollout_step (rollout_id, seq, step, started_ms, finished_ms, result)
                VALUES (?, ?, ?, ?, ?, ?)
                """, rolloutId, seq, step, started, finished, result);
        return seq;
    }

    static void finish(Connection c, long rolloutId, RolloutOutcome outcome, String reason, Instant at)
            throws SQLException {
        Optional<RolloutOutcome> finishedAs = requireRollout(c, rolloutId);
        if (finishedAs.isPresent()) {
            throw Checks.finishedTwice(rolloutId, finishedAs.get());
        }
        Sql.update(c, "UPDATE rollout SET finished_ms = ?, outcome = ?, reason = ? WHERE id = ?",
                at, outcome.name(), reason, rolloutId);
    }

    static int markInterrupted(Connection c, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE rollout SET finished_ms = ?, outcome = ?, reason = ? WHERE finished_ms IS NULL",
                at, RolloutOutcome.INTERRUPTED.name(), Reason.AGENT_STOPPED.code());
    }

    static List<RolloutRecord> recent(Connection c, int limit) throws SQLException {
        List<RolloutRow> rollouts = Sql.list(c, "SELECT * FROM rollout ORDER BY id DESC LIMIT ?", RolloutRow::of, limit);
        if (rollouts.isEmpty()) {
            return List.of();
        }
        long oldest = rollouts.getLast().id();
        Map<Long, List<RolloutStep>> steps = new TreeMap<>();
        for (StepRow s : Sql.list(c, "SELECT * FROM rollout_step WHERE rollout_id >= ? ORDER BY rollout_id, seq",
                StepRow::of, oldest)) {
            steps.computeIfAbsent(s.rolloutId(), id -> new ArrayList<>()).add(s.step());
        }
        return rollouts.stream().map(r -> r.toRecord(steps.getOrDefault(r.id(), List.of()))).toList();
    }

    /** The outcome of the rollout if it finished, empty if it is still running. */
    private static Optional<RolloutOutcome> requireRollout(Connection c, long rolloutId) throws SQLException {
        Optional<Optional<RolloutOutcome>> outcome = Sql.one(c, "SELECT outcome FROM rollout WHERE id = ?",
                r -> Optional.ofNullable(r.getString(1)).map(RolloutOutcome::valueOf), rolloutId);
        return outcome.orElseThrow(() -> Checks.noRollout(rolloutId));
    }

    private record RolloutRow(long id, String revision, Instant startedAt, Instant finishedAt, String outcome,
            String reason, String subject) {
        static RolloutRow of(ResultSet r) throws SQLException {
            // Before V5 (a ledger an older agent wrote, read-only) there is no subject.
            return new RolloutRow(r.getLong("id"), r.getString("revision"), Sql.instant(r, "started_ms"),
                    Sql.instant(r, "finished_ms"), r.getString("outcome"), r.getString("reason"),
                    Sql.hasColumn(r, "subject") ? r.getString("subject") : null);
        }

        RolloutRecord toRecord(List<RolloutStep> steps) {
            RolloutOutcome o = outcome == null ? null : RolloutOutcome.valueOf(outcome);
            return new RolloutRecord(id, revision, startedAt, finishedAt, o, reason, steps, subject);
        }
    }

    private record StepRow(long rolloutId, RolloutStep step) {
        static StepRow of(ResultSet r) throws SQLException {
            return new StepRow(r.getLong("rollout_id"), new RolloutStep(r.getInt("seq"), r.getString("step"),
                    Sql.instant(r, "started_ms"), Sql.instant(r, "finished_ms"), r.getString("result")));
        }
    }
}
