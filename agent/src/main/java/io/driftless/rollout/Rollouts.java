package io.driftless.rollout;

import io.driftless.desired.Manifest;
import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.RolloutOutcome;
import io.driftless.live.LiveState;
import io.driftless.plan.Plan;

import java.time.Clock;

/** Carries out a plan as one recorded rollout: its ledger row, its events, and the executor's steps. */
final class Rollouts {
    private final Executor executor;
    private final Ledger ledger;
    private final EventSink events;
    private final HostView host;
    private final Clock clock;
    private final CommitSource source;

    Rollouts(Executor executor, Ledger ledger, EventSink events, HostView host, Clock clock, CommitSource source) {
        this.source = source;
        this.executor = executor;
        this.ledger = ledger;
        this.events = events;
        this.host = host;
        this.clock = clock;
    }

    Outcome carryOut(Plan plan, Manifest manifest, LiveState live) throws InterruptedException {
        long rollout = ledger.startRollout(plan.revision(), source.subject(plan.revision()).orElse(null),
                clock.instant());
        events.publish(new AgentEvent.RolloutStarted(clock.instant(), plan.revision(), rollout, plan.changes()));
        host.changing();
        Outcome outcome = executor.execute(plan, manifest, live, events);
        switch (outcome) {
            case Outcome.Converged c -> ledger.finishRollout(rollout, RolloutOutcome.APPLIED, null, clock.instant());
            case Outcome.Failed f -> ledger.finishRollout(rollout, RolloutOutcome.FAILED, f.reason(), clock.instant());
        }
        return outcome;
    }
}
