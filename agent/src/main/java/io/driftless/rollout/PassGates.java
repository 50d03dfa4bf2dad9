package io.driftless.rollout;

import io.driftless.desired.InvalidManifestException;
import io.driftless.desired.Manifest;
import io.driftless.desired.ManifestError;
import io.driftless.events.Reason;
import io.driftless.live.LiveState;
import io.driftless.plan.Plan;
import io.driftless.plan.Planner;

import java.util.List;
import java.util.Optional;

/**
 * The checks a tip passes before anything on the host changes, in this order, written once for a pass and for
 * {@code driftless plan}: the source gate (history moves forward, commits signed) → the manifest loads and is
 * valid → the host policy admits it → what runs is observed → the refusals that need what runs (pruning every
 * service) → the plan. The first gate that refuses ends the check: nothing after it is read.
 */
final class PassGates {
    /** A hostile or badly broken manifest can have thousands of errors; logs and status show the first ones. */
    static final int SHOWN_ERRORS = 10;

    private final SourceGate source;
    private final ManifestLoader manifests;
    private final Admission admission;
    private final HostView host;

    PassGates(SourceGate source, ManifestLoader manifests, Admission admission, HostView host) {
        this.source = source;
        this.manifests = manifests;
        this.admission = admission;
        this.host = host;
    }

    /** What the gates decided about a tip. */
    sealed interface Verdict {
    }

    /** Every gate passed: the plan that brings the host to the tip (empty when it runs it already). */
    record Ready(Manifest manifest, LiveState live, Plan plan) implements Verdict {
    }

    /** A gate refused the tip: the commit's fault, so a pass marks it failed. */
    sealed interface Refused extends Verdict {
        Reason reason();

        /** One sentence for the commit's failure. */
        String message();

        /** The individual problems, a line each (may be empty). */
        default List<String> details() {
            return List.of();
        }
    }

    record SourceRefused(SourceGate.Refusal refusal) implements Refused {
        public Reason reason() {
            return refusal.reason();
        }

        public String message() {
            return refusal.message();
        }
    }

    /** The manifest is invalid or no usable file; {@code errors} are all of its problems, with positions. */
    record ManifestRefused(List<ManifestError> errors) implements Refused {
        public ManifestRefused {
            errors = List.copyOf(errors);
        }

        public Reason reason() {
            return Reason.INVALID_MANIFEST;
        }

        public String message() {
            return String.join("; ", details()) + (errors.size() > SHOWN_ERRORS ? "; and " + (errors.size() - SHOWN_ERRORS)
                    + " more (driftless validate lists them all)" : "");
        }

        public List<String> details() {
            return errors.stream().limit(SHOWN_ERRORS).map(ManifestError::toString).toList();
        }
    }

    /** The commit has no manifest; {@code error} says so at line 1, column 1 of where it should be. */
    record ManifestMissing(ManifestError error) implements Refused {
        public Reason reason() {
            return Reason.MANIFEST_MISSING;
        }

        public String message() {
            return error.message();
        }
    }

    record PolicyRefused(List<String> violations) implements Refused {
        public PolicyRefused {
            violations = List.copyOf(violations);
        }

        public Reason reason() {
            return Reason.POLICY_VIOLATION;
        }

        public String message() {
            return String.join("; ", violations);
        }

        public List<String> details() {
            return violations;
        }
    }

    record RemoveAllRefused(String message) implements Refused {
        public Reason reason() {
            return Reason.REMOVE_ALL_REFUSED;
        }
    }

    /** @param lastApplied the last known-good commit, or null before the first apply */
    Verdict check(String tip, String lastApplied) throws RepositoryException, EngineException, ProxyException {
        Optional<SourceGate.Refusal> untrusted = source.check(lastApplied, tip);
        if (untrusted.isPresent()) {
            return new SourceRefused(untrusted.get());
        }
        Manifest manifest;
        try {
            manifest = manifests.load(tip);
        } catch (InvalidManifestException e) {
            return new ManifestRefused(e.errors());
        } catch (ManifestLoader.Missing e) {
            return new ManifestMissing(new ManifestError(manifests.path(), 1, 1, e.getMessage()));
        }
        List<String> violations = admission.violations(manifest);
        if (!violations.isEmpty()) {
            return new PolicyRefused(violations);
        }
        LiveState live = host.observe();
        Optional<String> pruneAll = Planner.refusal(manifest, live);
        if (pruneAll.isPresent()) {
            return new RemoveAllRefused(pruneAll.get());
        }
        return new Ready(manifest, live, Planner.plan(manifest, tip, live, !tip.equals(lastApplied)));
    }
}
