package io.driftless.http;

import io.driftless.rollout.Reconciler;

import java.util.concurrent.CompletableFuture;

/** Asks the poll loop for a pass (coalesced with one already queued); completes with that pass's result. */
@FunctionalInterface
public interface PassTrigger {
    CompletableFuture<Reconciler.PassResult> requestPass(boolean retry);
}
