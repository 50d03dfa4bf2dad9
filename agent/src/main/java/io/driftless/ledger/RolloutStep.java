package io.driftless.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of a rollout as the executor ran it.
 *
 * @param seq        1, 2, 3 ... in the order the steps were recorded
 * @param step       what the step did, in the operator's words ({@code start web green})
 * @param startedAt  when it started
 * @param finishedAt when it finished
 * @param result     how it ended ({@code ok}, or the error)
 */
public record RolloutStep(int seq, String step, Instant startedAt, Instant finishedAt, String result) {
    public RolloutStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(result, "result");
    }

    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }
}
