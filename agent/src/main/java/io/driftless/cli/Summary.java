package io.driftless.cli;

import io.driftless.events.Commits;
import io.driftless.rollout.Reconciler;

/** The one line a command prints when a pass ends. */
final class Summary {
    private Summary() {
    }

    static String of(Reconciler.PassResult result) {
        String commit = result.revision() == null ? "" : " commit " + Commits.shortSha(result.revision());
        return switch (result.kind()) {
            case CONVERGED -> "converged:" + commit;
            case FAILED -> "failed:" + commit + ": " + result.message() + " (the host stays on the last known-good commit)";
            case ERROR -> "error: " + result.message();
        };
    }
}
