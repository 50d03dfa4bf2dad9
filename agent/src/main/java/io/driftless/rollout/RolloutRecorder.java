package io.driftless.rollout;

import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.LedgerException;

/**
 * A subscriber that keeps each rollout's steps in the ledger, with their timings and results, for {@code status},
 * the history and the status page. One rollout runs at a time: the steps belong to the last one started.
 */
final class RolloutRecorder implements EventSink {
    private final Ledger ledger;
    private final EventSink events;
    private long rollout = -1;

    /** @param events where a step that could not be recorded is told (the bus this recorder listens to) */
    RolloutRecorder(Ledger ledger, EventSink events) {
        this.ledger = ledger;
        this.events = events;
    }

    @Override
    public void publish(AgentEvent event) {
        switch (event) {
            case AgentEvent.RolloutStarted e -> rollout = e.rolloutId();
            case AgentEvent.StepFinished e when rollout >= 0 -> {
                try {
                    ledger.recordStep(rollout, e.step().describe(), e.started(), e.at(), e.problem() == null ? "ok" : e.problem());
                } catch (LedgerException failed) {
                    // History only: a full disk must not stop a rollout halfway (it would strand the candidates).
                    events.publish(new AgentEvent.StepNotRecorded(e.at(), e.revision(), e.service(), failed.getMessage()));
                }
            }
            default -> {
            }
        }
    }
}
