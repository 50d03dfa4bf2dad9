package io.driftless.rollout;

import io.driftless.desired.InvalidManifestException;
import io.driftless.desired.Manifest;
import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.ledger.Ledger;
import io.driftless.live.LiveState;
import io.driftless.plan.Plan;
import io.driftless.plan.Planner;

import java.time.Clock;
import java.util.Optional;

/**
 * Holds the host on the last known-good commit while the tip is failed: drift correction toward the last applied
 * commit, so a container stopped or changed by hand comes back as that commit says, and the bad one is never
 * re-applied.
 */
final class LastKnownGood {
    private final Ledger ledger;
    private final ManifestLoader manifests;
    private final HostView host;
    private final Rollouts rollouts;
    private final EventSink events;
    private final Clock clock;

    LastKnownGood(Ledger ledger, ManifestLoader manifests, HostView host, Rollouts rollouts, EventSink events, Clock clock) {
        this.ledger = ledger;
        this.manifests = manifests;
        this.host = host;
        this.rollouts = rollouts;
        this.events = events;
        this.clock = clock;
    }

    /** The last known-good commit, or empty before the first apply. */
    Optional<String> commit() {
        return ledger.lastApplied();
    }

    /** Puts the host back on the last known-good commit where it strayed; {@code failedTip} is why it is held. */
    void hold(String failedTip) throws RepositoryException, EngineException, ProxyException, InterruptedException {
        Optional<String> good = commit();
        if (good.isEmpty()) {
            events.publish(new AgentEvent.NoKnownGoodCommit(clock.instant(), failedTip));
            return;
        }
        Manifest manifest;
        try {
            manifest = manifests.load(good.get());
        } catch (InvalidManifestException | ManifestLoader.Missing e) {
            events.publish(new AgentEvent.KnownGoodUnreadable(clock.instant(), good.get(), e.getMessage()));
            return;
        }
        LiveState live = host.observe();
        Plan plan = Planner.plan(manifest, good.get(), live);
        if (plan.isEmpty()) {
            return;
        }
        events.publish(new AgentEvent.RollbackStarted(clock.instant(), good.get(), failedTip));
        Outcome outcome = rollouts.carryOut(plan, manifest, live);
        switch (outcome) {
            case Outcome.Failed f -> events.publish(new AgentEvent.RollbackFailed(clock.instant(), good.get(), f.service(), f.message()));
            case Outcome.Converged c -> events.publish(new AgentEvent.RolledBack(clock.instant(), good.get(), failedTip, c.took()));
        }
    }
}
