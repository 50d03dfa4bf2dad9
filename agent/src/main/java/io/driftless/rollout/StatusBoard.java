package io.driftless.rollout;

import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.ledger.Condition;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.ServiceStatus;
import io.driftless.live.LiveContainer;
import io.driftless.live.LiveState;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static io.driftless.events.Commits.shortSha;

/**
 * What {@code driftless status} shows, kept by the reconciler: the conditions (Ready, Reconciling, Stalled,
 * SourceUnavailable) and, at the end of each pass, one line per service of what runs.
 */
final class StatusBoard {
    /** Consecutive failed fetches before the {@code SourceUnavailable} condition is raised. */
    static final int SOURCE_UNAVAILABLE_AFTER = 3;

    private final Ledger ledger;
    private final EventSink events;
    private final Clock clock;
    private int failedFetches;

    StatusBoard(Ledger ledger, EventSink events, Clock clock) {
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** One event per failed fetch; the condition once the source has been away for a while. */
    void sourceFailed(RepositoryException e) {
        failedFetches++;
        events.publish(new AgentEvent.SourceUnavailable(clock.instant(), failedFetches, e.getMessage()));
        if (failedFetches >= SOURCE_UNAVAILABLE_AFTER) {
            condition("SourceUnavailable", Condition.TRUE, "FetchFailed", e.getMessage());
        }
    }

    void sourceAnswered() {
        if (failedFetches > 0) {
            events.publish(new AgentEvent.SourceBack(clock.instant(), failedFetches));
        }
        failedFetches = 0;
        condition("SourceUnavailable", Condition.FALSE, "Fetched", "the last fetch succeeded");
    }

    void stalled(String reason, String message) {
        condition(Condition.READY, Condition.FALSE, reason, message + "; the host stays on the last known-good commit "
                + ledger.lastApplied().map(io.driftless.events.Commits::shortSha).orElse("(none yet)"));
        condition(Condition.STALLED, Condition.TRUE, reason, message + "; push a fix or a revert, or run 'driftless reconcile --retry'");
    }

    void condition(String type, String status, String reason, String message) {
        ledger.setCondition(new Condition(type, status, reason, message, clock.instant()));
    }

    /**
     * What runs now, for {@code driftless status}, written at the end of every pass: one line per service. A pass
     * that changed nothing reuses what it observed.
     */
    void snapshot(HostView host) {
        try {
            LiveState live = host.observe();
            List<ServiceStatus> services = new ArrayList<>();
            for (String service : live.services()) {
                // Two containers of a service (a retire that failed, a candidate left over): show the one that matters.
                LiveContainer c = live.representative(service).orElseThrow();
                String state = !c.running() ? "stopped" : live.serving(c) ? "serving" : "running";
                services.add(new ServiceStatus(c.service(), c.image(), c.revision(), c.slot().label(), c.name(), state));
            }
            ledger.saveServices(services, clock.instant());
        } catch (EngineException | ProxyException e) {
            events.publish(new AgentEvent.StatusUnreadable(clock.instant(), e.getMessage()));
        }
    }
}
