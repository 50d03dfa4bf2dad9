package io.driftless.rollout;

import io.driftless.rollout.Reconciler.PassResult;
import io.driftless.schedule.Periodic;
import io.driftless.schedule.Repeating;

import java.util.Optional;
import java.util.Set;

/**
 * The schedule of {@code driftless run}: one pass at a time, every {@code interval} plus up to {@code jitter}, and
 * early when someone asks (a webhook, {@code POST /reconcile}); after a pass that ended in {@code ERROR} (Git,
 * Docker or Caddy unreachable), a backoff instead of the interval. The scheduler does the timing; this says what
 * a pass's result means to it.
 */
public final class ReconcileJob {
    private ReconcileJob() {
    }

    /** {@code pass} is {@code Reconciler::pass} in the agent, a fake in tests. */
    public static Repeating<PassResult> of(Repeating.Task<PassResult> pass, Periodic timing) {
        return new Repeating<>("pass", "--stuck-after", timing, Set.of(), pass, RESULTS);
    }

    private static final Repeating.Results<PassResult> RESULTS = new Repeating.Results<>() {
        @Override
        public Optional<String> couldNotFinish(PassResult result) {
            return result.kind() == PassResult.Kind.ERROR ? Optional.of(String.valueOf(result.message())) : Optional.empty();
        }

        @Override
        public PassResult crashed(RuntimeException e) {
            return new PassResult(PassResult.Kind.ERROR, null, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        @Override
        public PassResult notRun() {
            return new PassResult(PassResult.Kind.ERROR, null, "the agent is stopping; no pass was run");
        }
    };
}
