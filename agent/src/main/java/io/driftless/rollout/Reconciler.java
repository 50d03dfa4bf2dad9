package io.driftless.rollout;

import io.driftless.desired.InvalidManifestException;
import io.driftless.desired.Manifest;
import io.driftless.desired.ManifestError;
import io.driftless.desired.ManifestParser;
import io.driftless.ledger.Condition;
import io.driftless.ledger.FailedRevision;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.LedgerException;
import io.driftless.ledger.RolloutOutcome;
import io.driftless.live.LiveState;
import io.driftless.plan.Change;
import io.driftless.plan.Plan;
import io.driftless.plan.Planner;
import io.driftless.plan.Step;
import io.driftless.source.SourceException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.driftless.rollout.Journal.shortSha;

/**
 * One pass: observe → plan → execute → record. The only place that orders them.
 *
 * <p>Last known-good: a commit that failed is not tried again on every pass (unless {@code retry}); while
 * the tip is failed, the last applied commit is the desired state, so drift correction restores it and
 * never re-applies the bad one.
 */
public final class Reconciler {
    /** A hostile or badly broken manifest can have thousands of errors; logs and status show the first ones. */
    static final int SHOWN_ERRORS = 10;
    /** Below this much free space on the state dir's disk, no pass starts (the ledger must be able to record). */
    static final long MIN_FREE_BYTES = 512 * 1024;

    private final CommitSource source;
    private final SourceGate gate;
    private final Admission admission;
    private final ContainerEngine engine;
    private final RouteProxy proxy;
    private final Executor executor;
    private final Ledger ledger;
    private final Journal journal;
    private final Clock clock;
    /** Failed tips already announced by this process, so a poll loop does not repeat itself every pass. */
    private final Set<String> announced = new HashSet<>();
    private final StatusBoard board;

    public Reconciler(CommitSource source, ContainerEngine engine, RouteProxy proxy, Executor executor, Ledger ledger,
                      Clock clock) {
        this(source, SourceGate.OPEN, Admission.ALLOW_ALL, engine, proxy, executor, ledger, clock);
    }

    public Reconciler(CommitSource source, SourceGate gate, Admission admission, ContainerEngine engine, RouteProxy proxy,
                      Executor executor, Ledger ledger, Clock clock) {
        this.source = source;
        this.gate = gate;
        this.admission = admission;
        this.engine = engine;
        this.proxy = proxy;
        this.executor = executor;
        this.ledger = ledger;
        this.clock = clock;
        this.journal = new Journal(ledger, clock);
        this.board = new StatusBoard(ledger, journal, clock, engine, proxy);
    }

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
     * What {@code driftless plan} shows: the tip and what applying it would do, decided in a pass's order.
     *
     * @param sourceRefusal    why the source gate refuses the tip; when present nothing else was read (the commit
     *                         is not trusted) and the plan is empty
     * @param policyViolations why the host policy refuses the tip (empty when it does not)
     */
    public record Preview(String revision, Optional<FailedRevision> failedBefore, Optional<SourceGate.Refusal> sourceRefusal,
                          Optional<String> refusal, Plan plan, List<String> policyViolations) {
        public Preview {
            policyViolations = List.copyOf(policyViolations);
        }
    }

    public PassResult pass(boolean retry) throws InterruptedException {
        long free = ledger.freeBytes();
        if (free >= 0 && free < MIN_FREE_BYTES) {
            // Without room for its memory the agent could not record a failure, and would try a bad commit again
            // and again: no rollout starts until there is room. What runs keeps running.
            String where = ledger.file().getParent().toString();
            journal.error(null, null, "the disk holding " + where + " is full (" + free + " bytes free): no rollout starts "
                    + "until there is room; the host keeps running as it is. Make room on that disk");
            return new PassResult(PassResult.Kind.ERROR, null, "the disk holding " + where + " is full");
        }
        try {
            board.condition(Condition.RECONCILING, Condition.TRUE, "Progressing", "a pass is running");
            try {
                return converge(retry);
            } catch (SourceException e) {
                board.sourceFailed(e);
                return new PassResult(PassResult.Kind.ERROR, null, e.getMessage());
            } catch (EngineException e) {
                journal.error(null, null, "cannot reach Docker: " + e.getMessage());
                return new PassResult(PassResult.Kind.ERROR, null, e.getMessage());
            } catch (ProxyException e) {
                journal.error(null, null, "cannot read Caddy's routes: " + e.getMessage());
                return new PassResult(PassResult.Kind.ERROR, null, e.getMessage());
            } finally {
                board.condition(Condition.RECONCILING, Condition.FALSE, "Idle", "no pass is running");
                board.snapshot();
            }
        } catch (LedgerException e) {
            // Without its memory the agent cannot tell a failed commit from a new one: stop this pass, say why.
            journal.error(null, null, "cannot write the ledger: " + e.getMessage()
                    + "; this pass stops here and the next one tries again (is the state dir's disk full?)");
            return new PassResult(PassResult.Kind.ERROR, null, e.getMessage());
        }
    }


    public Preview preview() throws SourceException, EngineException, ProxyException, InvalidManifestException {
        String tip = source.fetchTip();
        String lastApplied = ledger.lastApplied().orElse(null);
        Optional<SourceGate.Refusal> refusedSource = gate.check(lastApplied, tip);
        if (refusedSource.isPresent()) {
            return new Preview(tip, ledger.failure(tip), refusedSource, Optional.empty(), new Plan(tip, List.of(), List.of()),
                    List.of());
        }
        Manifest manifest;
        try {
            manifest = load(tip);
        } catch (ManifestMissing e) {
            throw new InvalidManifestException(List.of(new ManifestError(source.manifestPath(), 1, 1, e.getMessage())));
        }
        LiveState live = observe();
        Plan plan = Planner.plan(manifest, tip, live, !tip.equals(lastApplied));
        return new Preview(tip, ledger.failure(tip), Optional.empty(), Planner.refusal(manifest, live), plan,
                admission.violations(manifest));
    }

    private PassResult converge(boolean retry) throws SourceException, EngineException, ProxyException, InterruptedException {
        String tip = source.fetchTip();
        board.sourceAnswered();
        Optional<FailedRevision> failedBefore = ledger.failure(tip);
        if (failedBefore.isPresent() && !retry) {
            FailedRevision f = failedBefore.get();
            if (announced.add(tip)) {
                journal.warn(tip, null, "failed earlier (" + f.reason() + ": " + f.message() + "); not retried. "
                        + "Push a fix or a revert, or run 'driftless reconcile --retry'");
            }
            holdLastKnownGood(tip);
            board.stalled(f.reason(), "commit " + shortSha(tip) + " failed: " + f.message());
            return new PassResult(PassResult.Kind.FAILED, tip, f.message());
        }
        announced.remove(tip);
        if (!tip.equals(ledger.lastAttempted().orElse(null)) || retry) {
            journal.info(tip, null, retry && failedBefore.isPresent() ? "retrying as asked" : "new tip of the branch");
        }
        ledger.recordAttempt(tip, clock.instant());
        String lastApplied = ledger.lastApplied().orElse(null); // changes only when this pass records the tip applied
        boolean alreadyApplied = tip.equals(lastApplied);
        Optional<SourceGate.Refusal> refusedSource = gate.check(lastApplied, tip);
        if (refusedSource.isPresent()) {
            return failed(tip, refusedSource.get().reason(), refusedSource.get().message());
        }
        Manifest manifest;
        try {
            manifest = load(tip);
        } catch (InvalidManifestException e) {
            List<ManifestError> errors = e.errors();
            errors.stream().limit(SHOWN_ERRORS).forEach(error -> journal.error(tip, null, error.toString()));
            String summary = String.join("; ", errors.stream().limit(SHOWN_ERRORS).map(ManifestError::toString).toList())
                    + (errors.size() > SHOWN_ERRORS ? "; and " + (errors.size() - SHOWN_ERRORS)
                    + " more (driftless validate lists them all)" : "");
            return failed(tip, "InvalidManifest", summary);
        } catch (ManifestMissing e) {
            return failed(tip, "ManifestMissing", e.getMessage());
        }
        List<String> violations = admission.violations(manifest);
        if (!violations.isEmpty()) {
            violations.forEach(v -> journal.error(tip, null, v));
            return failed(tip, "PolicyViolation", String.join("; ", violations));
        }
        LiveState live = observe();
        Optional<String> refusal = Planner.refusal(manifest, live);
        if (refusal.isPresent()) {
            return failed(tip, "RemoveAllRefused", refusal.get());
        }
        Plan plan = Planner.plan(manifest, tip, live, !alreadyApplied);
        Outcome outcome = plan.isEmpty() ? new Outcome.Converged(tip, Duration.ZERO) : execute(plan, manifest, live);
        return switch (outcome) {
            case Outcome.Converged c -> {
                ledger.recordApplied(tip, clock.instant());
                if (!alreadyApplied || !plan.isEmpty()) {
                    journal.info(tip, null, plan.isEmpty() ? "applied (the host already ran it)"
                            : "applied in " + c.took().toMillis() / 1000.0 + "s");
                }
                board.condition(Condition.READY, Condition.TRUE, "Converged", "running commit " + shortSha(tip));
                board.condition(Condition.STALLED, Condition.FALSE, "Converged", "nothing needs a human");
                yield new PassResult(PassResult.Kind.CONVERGED, tip, "converged");
            }
            case Outcome.Failed f when f.hostFault() -> {
                journal.warn(tip, f.service(), "rollout stopped because the host failed (" + f.reason() + "): " + f.message()
                        + "; the commit is not blamed, and the next pass tries again");
                board.condition(Condition.READY, Condition.FALSE, f.reason(), f.headline());
                yield new PassResult(PassResult.Kind.ERROR, tip, f.headline());
            }
            case Outcome.Failed f when alreadyApplied -> {
                // Repairing drift of the commit that is already applied (a container stopped by hand that will not
                // come back healthy, say): the commit is still the known-good one, so it is not marked failed.
                journal.error(tip, f.service(), "could not repair the host (" + f.reason() + "): " + f.message()
                        + "; the commit stays the last known-good one and the next pass tries again");
                board.condition(Condition.READY, Condition.FALSE, f.reason(), f.headline());
                yield new PassResult(PassResult.Kind.FAILED, tip, f.headline());
            }
            case Outcome.Failed f -> failed(tip, f.reason(), f.headline());
        };
    }

    /** Records the failure, then puts the host back on the last known-good commit. */
    private PassResult failed(String tip, String reason, String message) throws InterruptedException {
        ledger.recordFailed(tip, reason, message, clock.instant());
        journal.error(tip, null, "failed (" + reason + "): " + message);
        announced.add(tip);
        try {
            holdLastKnownGood(tip);
        } catch (SourceException | EngineException | ProxyException e) {
            journal.error(tip, null, "could not restore the last known-good commit: " + e.getMessage());
        }
        board.stalled(reason, "commit " + shortSha(tip) + " failed: " + message);
        return new PassResult(PassResult.Kind.FAILED, tip, message);
    }

    /** Drift correction toward the last applied commit, while the tip is failed. */
    private void holdLastKnownGood(String tip) throws SourceException, EngineException, ProxyException, InterruptedException {
        Optional<String> good = ledger.lastApplied();
        if (good.isEmpty()) {
            journal.warn(tip, null, "no commit has been applied yet, so there is no known-good state to hold; the host is left as it is");
            return;
        }
        Manifest manifest;
        try {
            manifest = load(good.get());
        } catch (InvalidManifestException | ManifestMissing e) {
            journal.error(good.get(), null, "the last known-good commit no longer parses (" + e.getMessage() + "); nothing done");
            return;
        }
        LiveState live = observe();
        Plan plan = Planner.plan(manifest, good.get(), live);
        if (plan.isEmpty()) {
            return;
        }
        journal.info(good.get(), null, "restoring the last known-good commit (tip " + shortSha(tip) + " is failed)");
        Outcome outcome = execute(plan, manifest, live);
        if (outcome instanceof Outcome.Failed f) {
            journal.error(good.get(), f.service(), "could not restore the last known-good commit: " + f.message());
        }
    }

    private Outcome execute(Plan plan, Manifest manifest, LiveState live) throws InterruptedException {
        for (Change change : plan.changes()) {
            journal.info(plan.revision(), change.service(), change.toString().substring(change.service().length() + 1));
        }
        long rollout = ledger.startRollout(plan.revision(), clock.instant());
        Outcome outcome = executor.execute(plan, manifest, live, new StepListener() {
            public void started(Step step) {
                journal.info(plan.revision(), step.service(), step.describe());
            }

            public void finished(Step step, Instant started, Instant finished, String result) {
                try {
                    ledger.recordStep(rollout, step.describe(), started, finished, result);
                } catch (LedgerException e) {
                    // History only: a full disk must not stop a rollout halfway (it would strand the candidates).
                    journal.warn(plan.revision(), step.service(), "could not record the step in the ledger: " + e.getMessage());
                }
            }
        });
        switch (outcome) {
            case Outcome.Converged c -> ledger.finishRollout(rollout, RolloutOutcome.APPLIED, null, clock.instant());
            case Outcome.Failed f -> ledger.finishRollout(rollout, RolloutOutcome.FAILED, f.reason(), clock.instant());
        }
        return outcome;
    }

    private Manifest load(String commit) throws SourceException, InvalidManifestException, ManifestMissing {
        Optional<String> found;
        try {
            found = source.manifestAt(commit);
        } catch (SourceException e) {
            if (e.reason() != SourceException.Reason.UNREADABLE_FILE) {
                throw e;
            }
            // A symlink, a folder, not UTF-8, too large: the commit's fault, not the repository's.
            throw new InvalidManifestException(List.of(new ManifestError(source.manifestPath(), 1, 1, e.getMessage())));
        }
        String text = found.orElseThrow(() -> new ManifestMissing(
                "commit " + shortSha(commit) + " has no " + source.manifestPath() + "; add one, or point --path at the folder that holds it"));
        return ManifestParser.parse(source.manifestPath(), text);
    }

    private LiveState observe() throws EngineException, ProxyException {
        return new LiveState(engine.list(), proxy.current());
    }

    /** The commit has no manifest file. */
    static final class ManifestMissing extends Exception {
        ManifestMissing(String message) {
            super(message);
        }
    }
}
