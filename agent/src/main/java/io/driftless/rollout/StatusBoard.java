package io.driftless.rollout;

import io.driftless.ledger.Condition;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.ServiceStatus;
import io.driftless.live.LiveContainer;
import io.driftless.live.LiveState;
import io.driftless.live.RouteTable;
import io.driftless.live.Slot;
import io.driftless.source.SourceException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@code driftless status} shows, kept by the reconciler: the conditions (Ready, Reconciling, Stalled,
 * SourceUnavailable) and, at the end of each pass, one line per service of what runs.
 */
final class StatusBoard {
    /** Consecutive failed fetches before the {@code SourceUnavailable} condition is raised. */
    static final int SOURCE_UNAVAILABLE_AFTER = 3;

    private final Ledger ledger;
    private final Journal journal;
    private final Clock clock;
    private final ContainerEngine engine;
    private final RouteProxy proxy;
    private int failedFetches;

    StatusBoard(Ledger ledger, Journal journal, Clock clock, ContainerEngine engine, RouteProxy proxy) {
        this.ledger = ledger;
        this.journal = journal;
        this.clock = clock;
        this.engine = engine;
        this.proxy = proxy;
    }

    /** One log line per failed fetch; the condition once the source has been away for a while. */
    void sourceFailed(SourceException e) {
        failedFetches++;
        journal.error(null, null, "cannot read the repository (" + failedFetches + " time" + (failedFetches == 1 ? "" : "s")
                + " in a row): " + e.getMessage() + "; the host keeps running the last known-good commit");
        if (failedFetches >= SOURCE_UNAVAILABLE_AFTER) {
            condition("SourceUnavailable", Condition.TRUE, "FetchFailed", e.getMessage());
        }
    }

    void sourceAnswered() {
        if (failedFetches > 0) {
            journal.info(null, null, "the repository answers again after " + failedFetches + " failed fetch(es)");
        }
        failedFetches = 0;
        condition("SourceUnavailable", Condition.FALSE, "Fetched", "the last fetch succeeded");
    }

    void stalled(String reason, String message) {
        condition(Condition.READY, Condition.FALSE, reason, message + "; the host stays on the last known-good commit "
                + ledger.lastApplied().map(Journal::shortSha).orElse("(none yet)"));
        condition(Condition.STALLED, Condition.TRUE, reason, message + "; push a fix or a revert, or run 'driftless reconcile --retry'");
    }

    void condition(String type, String status, String reason, String message) {
        ledger.setCondition(new Condition(type, status, reason, message, clock.instant()));
    }

    /** What runs now, for {@code driftless status}, written at the end of every pass: one line per service. */
    void snapshot() {
        try {
            LiveState live = new LiveState(engine.list(), proxy.current());
            List<ServiceStatus> services = new ArrayList<>();
            for (String service : live.services()) {
                Optional<Slot> routed = live.routes().flatMap(t -> t.bindingOf(service)).map(RouteTable.Binding::slot);
                // Two containers of a service (a retire that failed, a candidate left over): show the one that
                // matters, the serving one, else a running one, else the newest.
                LiveContainer c = live.containersOf(service).stream()
                        .max(Comparator.comparing((LiveContainer x) -> x.running() && routed.equals(Optional.of(x.slot())))
                                .thenComparing(LiveContainer::running)
                                .thenComparing(x -> x.created() == null ? Instant.EPOCH : x.created()))
                        .orElseThrow();
                boolean serving = c.running() && routed.equals(Optional.of(c.slot()));
                String state = !c.running() ? "stopped" : serving ? "serving" : "running";
                services.add(new ServiceStatus(c.service(), c.image(), c.revision(), c.slot().label(), c.name(), state));
            }
            ledger.saveServices(services, clock.instant());
        } catch (EngineException | ProxyException e) {
            journal.warn(null, null, "could not read what runs for the status: " + e.getMessage());
        }
    }

}
