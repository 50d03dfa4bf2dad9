package io.driftless.ledger.memory;

import io.driftless.ledger.Checks;
import io.driftless.ledger.RolloutOutcome;
import io.driftless.ledger.RolloutRecord;
import io.driftless.ledger.RolloutStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One rollout as {@link MemoryLedger} holds it while it runs; the ledger serialises every call. */
final class Rollout {
    private final long id;
    private final String revision;
    private final Instant startedAt;
    private final String subject;
    private final List<RolloutStep> steps = new ArrayList<>();
    private Instant finishedAt;
    private RolloutOutcome outcome;
    private String reason;

    Rollout(long id, String revision, String subject, Instant startedAt) {
        this.id = id;
        this.revision = revision;
        this.subject = subject;
        this.startedAt = startedAt;
    }

    void step(String step, Instant started, Instant finished, String result) {
        steps.add(new RolloutStep(steps.size() + 1, step, started, finished, result));
    }

    void finish(RolloutOutcome outcome, String reason, Instant at) {
        if (this.outcome != null) {
            throw Checks.finishedTwice(id, this.outcome);
        }
        this.outcome = outcome;
        this.reason = reason;
        this.finishedAt = at;
    }

    boolean running() {
        return outcome == null;
    }

    RolloutRecord record() {
        return new RolloutRecord(id, revision, startedAt, finishedAt, outcome, reason, steps, subject);
    }
}
