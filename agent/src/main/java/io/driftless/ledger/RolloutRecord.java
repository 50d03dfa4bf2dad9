package io.driftless.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One rollout of one commit, with its steps in order.
 *
 * @param id         assigned by the ledger, increasing
 * @param revision   full commit SHA being rolled out
 * @param startedAt  when the rollout started
 * @param finishedAt when it finished; null while it runs
 * @param outcome    how it finished; null while it runs
 * @param reason     CamelCase reason given at the finish, or null
 * @param steps      in the order they were recorded
 * @param subject    the first line of the commit's message, or null (recorded before the ledger kept it, or the
 *                   repository could not say)
 */
public record RolloutRecord(
        long id,
        String revision,
        Instant startedAt,
        Instant finishedAt,
        RolloutOutcome outcome,
        String reason,
        List<RolloutStep> steps,
        String subject) {
    public RolloutRecord {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(startedAt, "startedAt");
        steps = List.copyOf(steps);
    }

    /** A rollout whose commit subject is not known. */
    public RolloutRecord(long id, String revision, Instant startedAt, Instant finishedAt, RolloutOutcome outcome,
            String reason, List<RolloutStep> steps) {
        this(id, revision, startedAt, finishedAt, outcome, reason, steps, null);
    }
}
