package io.driftless.rollout;

import io.driftless.desired.InvalidManifestException;
import io.driftless.desired.Manifest;
import io.driftless.events.AgentEvent;
import io.driftless.events.EventBus;
import io.driftless.events.Reason;
import io.driftless.ledger.Condition;
import io.driftless.ledger.FailedRevision;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.LedgerException;
import io.driftless.ledger.Suspension;
import io.driftless.plan.Plan;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static io.driftless.events.Commits.shortSha;

/**
 * One pass: observe → plan → execute → record. The only place that orders them: the free-disk check, the fetch, the
 * {@link PassGates} (source gate, manifest, host policy, what runs, refusals, plan), the rollout, and what is
 * recorded of it. Everything it does is told as an {@link AgentEvent} on its bus.
 *
 * <p>Last known-good: a commit that failed is not tried again on every pass (unless {@code retry}); while
 * the tip is failed, {@link LastKnownGood} holds the host on the last applied commit, so drift correction restores
 * it and never re-applies the bad one.
 */
public final class Reconciler {
    private final CommitSource source;
    private final Ledger ledger;
    private final EventBus events;
    private final Clock clock;
    private final FreeDisk disk;
    private final HostView host;
    private final PassGates gates;
    private final Rollouts rollouts;
    private final LastKnownGood lastKnownGood;
    private final StatusBoard board;
    private final SourceGate sourceGate;
    private final ManifestLoader manifests;
    /** Failed tips already announced by this process, so a poll loop does not repeat itself every pass. */
    private final Set<String> announced = new HashSet<>();
    /** This pass found the host suspended (it set the Reconciling condition itself). */
    private boolean passSuspended;

    public Reconciler(CommitSource source, ContainerEngine engine, RouteProxy proxy, Executor executor, Ledger ledger,
                      Clock clock) {
        this(source, SourceGate.OPEN, Admission.ALLOW_ALL, engine, proxy, executor, ledger, clock);
    }

    public Reconciler(CommitSource source, SourceGate gate, Admission admission, ContainerEngine engine, RouteProxy proxy,
                      Executor executor, Ledger ledger, Clock clock) {
        this(source, gate, admission, engine, proxy, executor, ledger, clock, new EventBus((event, e) ->
                LoggerFactory.getLogger("driftless").warn("commit -: an outlet failed on {}: {}",
                        event.getClass().getSimpleName(), e.toString())));
    }

    /**
     * @param events the bus every event goes to; the reconciler subscribes the ledger's outlets to it (the
     *               {@link Journal} and the rollout recorder), other outlets are the caller's to subscribe
     */
    public Reconciler(CommitSource source, SourceGate gate, Admission admission, ContainerEngine engine, RouteProxy proxy,
                      Executor executor, Ledger ledger, Clock clock, EventBus events) {
        this.source = source;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        events.subscribe(new Journal(ledger)).subscribe(new RolloutRecorder(ledger, events));
        ManifestLoader manifests = new ManifestLoader(source);
        this.manifests = manifests;
        this.sourceGate = gate;
        this.disk = new FreeDisk(ledger);
        this.host = new HostView(engine, proxy);
        this.gates = new PassGates(gate, manifests, admission, host);
        this.rollouts = new Rollouts(executor, ledger, events, host, clock, source);
        this.lastKnownGood = new LastKnownGood(ledger, manifests, host, rollouts, events, clock);
        this.board = new StatusBoard(ledger, events, clock);
    }

    /** The reason of the Ready and Reconciling conditions while the host is suspended. */
    public static final String SUSPENDED = "Suspended";


    /** How a pass ended; {@link #exitCode()} is the contract of {@code driftless reconcile}. */
    public record PassResult(Kind kind, String revision, String message) {
        public enum Kind { CONVERGED, FAILED, ERROR }

        public int exitCode() {
            return switch (kind) {
                case CONVERGED -> 0;
                case FAILED -> 1;
                case ERROR -> 2;
            };
        }
    }

    /**
     * What {@code driftless plan} shows: the tip and what applying it would do, decided by the same gates as a pass.
     *
     * @param sourceRefusal    why the source gate refuses the tip; when present nothing else was read (the commit
     *                         is not trusted) and the plan is empty
     * @param refusal          why the plan is refused although the manifest is valid (it would prune every service)
     * @param policyViolations why the host policy refuses the tip (empty when it does not)
     */
    public record Preview(String revision, Optional<FailedRevision> failedBefore, Optional<SourceGate.Refusal> sourceRefusal,
                          Optional<String> refusal, Plan plan, List<String> policyViolations) {
        public Preview {
            policyViolations = List.copyOf(policyViolations);
        }
    }

    /**
     * The commit whose backup policies run on this host, and its manifest: the last applied commit (the host runs
     * it); before the first apply, the branch's tip once the source gate lets it through.
     */
    public record HostManifest(String commit, Manifest manifest) {
    }

    /**
     * @throws NoHostManifest when there is no such commit or its manifest does not parse; the message says which
     */
    public HostManifest hostManifest() throws RepositoryException, NoHostManifest {
        Optional<String> applied = ledger.lastApplied();
        String commit;
        if (applied.isPresent()) {
            commit = applied.get();
        } else {
            commit = source.fetchTip();
            Optional<SourceGate.Refusal> refused = sourceGate.check(null, commit);
            if (refused.isPresent()) {
                throw new NoHostManifest("no commit has been applied yet and the tip " + shortSha(commit) + " is refused ("
                        + refused.get().reason().code() + ": " + refused.get().message() + "), so there is no backup policy to run");
            }
        }
        try {
            return new HostManifest(commit, manifests.load(commit));
        } catch (InvalidManifestException e) {
            throw new NoHostManifest("the manifest of commit " + shortSha(commit) + " does not parse, so its backup policies "
                    + "cannot run: " + e.getMessage());
        } catch (ManifestLoader.Missing e) {
            throw new NoHostManifest(e.getMessage());
        }
    }

    /** There is no manifest whose backup policies could run; the message is a sentence for the operator. */
    public static final class NoHostManifest extends Exception {
        public NoHostManifest(String message) {
            super(message, null, false, false);
        }
    }

    public PassResult pass(boolean retry) throws InterruptedException {
        Instant started = clock.instant();
        PassResult result = passOnce(retry);
        Instant ended = clock.instant();
        events.publish(new AgentEvent.PassFinished(ended, result.revision(), result.kind().name().toLowerCase(Locale.ROOT),
                Duration.between(started, ended)));
        return result;
    }

    private PassResult passOnce(boolean retry) throws InterruptedException {
        Optional<AgentEvent.DiskFull> full = disk.full(clock.instant());
        if (full.isPresent()) {
            events.publish(full.get());
            return new PassResult(PassResult.Kind.ERROR, null, "the disk holding " + full.get().where() + " is full");
        }
        host.newPass();
        passSuspended = false;
        try {
            board.condition(Condition.RECONCILING, Condition.TRUE, "Progressing", "a pass is running");
            try {
                return converge(retry);
            } catch (RepositoryException e) {
                board.sourceFailed(e);
                return new PassResult(PassResult.Kind.ERROR, null, e.getMessage());
            } catch (EngineException e) {
                events.publish(new AgentEvent.HostUnreachable(clock.instant(), AgentEvent.Part.DOCKER, e.getMessage()));
                return new PassResult(PassResult.Kind.ERROR, null, e.getMessage());
            } catch (ProxyException e) {
                events.publish(new AgentEvent.HostUnreachable(clock.instant(), AgentEvent.Part.PROXY, e.getMessage()));
                return new PassResult(PassResult.Kind.ERROR, null, e.getMessage());
            } finally {
                if (!passSuspended) {
                    board.condition(Condition.RECONCILING, Condition.FALSE, "Idle", "no pass is running");
                }
                board.snapshot(host);
            }
        } catch (LedgerException e) {
            // Without its memory the agent cannot tell a failed commit from a new one: stop this pass, say why.
            events.publish(new AgentEvent.LedgerUnwritable(clock.instant(), e.getMessage()));
            return new PassResult(PassResult.Kind.ERROR, null, e.getMessage());
        }
    }

    public Preview preview() throws RepositoryException, EngineException, ProxyException, InvalidManifestException {
        host.newPass();
        String tip = source.fetchTip();
        String lastApplied = lastKnownGood.commit().orElse(null);
        Optional<FailedRevision> failedBefore = ledger.failure(tip);
        Plan none = new Plan(tip, List.of(), List.of());
        return switch (gates.check(tip, lastApplied)) {
            case PassGates.SourceRefused r -> new Preview(tip, failedBefore, Optional.of(r.refusal()), Optional.empty(), none, List.of());
            case PassGates.ManifestRefused r -> throw new InvalidManifestException(r.errors());
            case PassGates.ManifestMissing r -> throw new InvalidManifestException(List.of(r.error()));
            case PassGates.PolicyRefused r -> new Preview(tip, failedBefore, Optional.empty(), Optional.empty(), none, r.violations());
            case PassGates.RemoveAllRefused r -> new Preview(tip, failedBefore, Optional.empty(), Optional.of(r.message()), none, List.of());
            case PassGates.Ready r -> new Preview(tip, failedBefore, Optional.empty(), Optional.empty(), r.plan(), List.of());
        };
    }

    private PassResult converge(boolean retry) throws RepositoryException, EngineException, ProxyException, InterruptedException {
        String tip = source.fetchTip();
        board.sourceAnswered();
        Optional<Suspension> suspension = ledger.suspension();
        if (suspension.isPresent()) {
            passSuspended = true;
            return suspended(tip, suspension.get());
        }
        Optional<FailedRevision> failedBefore = ledger.failure(tip);
        if (failedBefore.isPresent() && !retry) {
            FailedRevision f = failedBefore.get();
            if (announced.add(tip)) {
                events.publish(new AgentEvent.FailedCommitSkipped(clock.instant(), tip, f.reason(), f.message()));
            }
            lastKnownGood.hold(tip);
            board.stalled(f.reason(), "commit " + shortSha(tip) + " failed: " + f.message());
            return new PassResult(PassResult.Kind.FAILED, tip, f.message());
        }
        announced.remove(tip);
        if (!tip.equals(ledger.lastAttempted().orElse(null)) || retry) {
            events.publish(new AgentEvent.TipSeen(clock.instant(), tip, retry && failedBefore.isPresent()));
        }
        ledger.recordAttempt(tip, clock.instant());
        String lastApplied = lastKnownGood.commit().orElse(null); // changes only when this pass records the tip applied
        boolean alreadyApplied = tip.equals(lastApplied);
        PassGates.Ready ready;
        switch (gates.check(tip, lastApplied)) {
            case PassGates.Refused r -> {
                return failed(tip, r.reason(), r.message(), r.details());
            }
            case PassGates.Ready r -> ready = r;
        }
        Plan plan = ready.plan();
        Outcome outcome = plan.isEmpty() ? new Outcome.Converged(tip, Duration.ZERO)
                : rollouts.carryOut(plan, ready.manifest(), ready.live());
        return switch (outcome) {
            case Outcome.Converged c -> {
                ledger.recordApplied(tip, clock.instant());
                if (!alreadyApplied) {
                    events.publish(new AgentEvent.RolloutApplied(clock.instant(), tip, c.took(), plan.isEmpty()));
                } else if (!plan.isEmpty()) {
                    events.publish(new AgentEvent.DriftRepaired(clock.instant(), tip, c.took()));
                }
                board.condition(Condition.READY, Condition.TRUE, "Converged", "running commit " + shortSha(tip));
                board.condition(Condition.STALLED, Condition.FALSE, "Converged", "nothing needs a human");
                yield new PassResult(PassResult.Kind.CONVERGED, tip, "converged");
            }
            case Outcome.Failed f when f.hostFault() -> {
                events.publish(new AgentEvent.RolloutStopped(clock.instant(), tip, f.service(), f.reason(), f.message()));
                board.condition(Condition.READY, Condition.FALSE, f.reason().code(), f.headline());
                yield new PassResult(PassResult.Kind.ERROR, tip, f.headline());
            }
            case Outcome.Failed f when alreadyApplied -> {
                // Repairing drift of the commit that is already applied (a container stopped by hand that will not
                // come back healthy, say): the commit is still the known-good one, so it is not marked failed.
                events.publish(new AgentEvent.RepairFailed(clock.instant(), tip, f.service(), f.reason(), f.message()));
                board.condition(Condition.READY, Condition.FALSE, f.reason().code(), f.headline());
                yield new PassResult(PassResult.Kind.FAILED, tip, f.headline());
            }
            case Outcome.Failed f -> failed(tip, f.reason(), f.headline(), List.of());
        };
    }

    /**
     * A pass while the host is suspended ({@code driftless suspend}): the tip is neither attempted nor applied, and the
     * last applied commit is the desired state, so drift is still repaired toward it. Nothing is marked failed.
     */
    private PassResult suspended(String tip, Suspension s)
            throws RepositoryException, EngineException, ProxyException, InterruptedException {
        String applied = lastKnownGood.commit().orElse(null);
        events.publish(new AgentEvent.PassSuspended(clock.instant(), applied, tip, s.at(), s.by(), s.reason()));
        String since = "suspended since " + s.at() + " by " + s.by() + (s.reason() == null ? "" : " (" + s.reason() + ")");
        board.condition(Condition.RECONCILING, Condition.FALSE, SUSPENDED, since + "; no new commit is applied");
        if (applied == null) {
            board.condition(Condition.READY, Condition.FALSE, SUSPENDED, since + " before any commit was applied");
            return new PassResult(PassResult.Kind.CONVERGED, null, since);
        }
        switch (gates.check(applied, applied)) {
            case PassGates.Refused r -> {
                // The commit the host runs no longer passes (its manifest is unreadable now, a policy changed): say so,
                // touch nothing, blame nothing.
                events.publish(new AgentEvent.KnownGoodUnreadable(clock.instant(), applied, r.message()));
                board.condition(Condition.READY, Condition.FALSE, r.reason().code(), r.message());
                return new PassResult(PassResult.Kind.ERROR, applied, r.message());
            }
            case PassGates.Ready r -> {
                Plan plan = r.plan();
                Outcome outcome = plan.isEmpty() ? new Outcome.Converged(applied, Duration.ZERO)
                        : rollouts.carryOut(plan, r.manifest(), r.live());
                switch (outcome) {
                    case Outcome.Converged c -> {
                        if (!plan.isEmpty()) {
                            events.publish(new AgentEvent.DriftRepaired(clock.instant(), applied, c.took()));
                        }
                        board.condition(Condition.READY, Condition.TRUE, SUSPENDED, "running commit " + shortSha(applied)
                                + "; " + since + (tip.equals(applied) ? "" : ", tip " + shortSha(tip) + " not applied"));
                        return new PassResult(PassResult.Kind.CONVERGED, applied, since);
                    }
                    case Outcome.Failed f -> {
                        events.publish(f.hostFault()
                                ? new AgentEvent.RolloutStopped(clock.instant(), applied, f.service(), f.reason(), f.message())
                                : new AgentEvent.RepairFailed(clock.instant(), applied, f.service(), f.reason(), f.message()));
                        board.condition(Condition.READY, Condition.FALSE, f.reason().code(), f.headline());
                        return new PassResult(f.hostFault() ? PassResult.Kind.ERROR : PassResult.Kind.FAILED, applied,
                                f.headline());
                    }
                }
            }
        }
    }

    /** Records the failure, then puts the host back on the last known-good commit. */
    private PassResult failed(String tip, Reason reason, String message, List<String> details) throws InterruptedException {
        // Told first: if the ledger cannot record it, the operator still reads why the commit is refused.
        events.publish(new AgentEvent.RolloutFailed(clock.instant(), tip, reason, message, details));
        ledger.recordFailed(tip, reason, message, clock.instant());
        announced.add(tip);
        try {
            lastKnownGood.hold(tip);
        } catch (RepositoryException | EngineException | ProxyException e) {
            events.publish(new AgentEvent.RollbackFailed(clock.instant(), tip, null, e.getMessage()));
        }
        board.stalled(reason.code(), "commit " + shortSha(tip) + " failed: " + message);
        return new PassResult(PassResult.Kind.FAILED, tip, message);
    }
}
