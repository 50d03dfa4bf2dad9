package io.driftless.schedule;

import java.util.concurrent.CompletableFuture;

/** Asks a {@link Repeating} job to run early; requests made before its next run starts share that run. */
@FunctionalInterface
public interface Requests<R> {
    /**
     * A run as soon as the one in progress (if any) ends. Completes with that run's result; a request made while
     * another is queued shares it ({@code retry} if any of them asked for it). While the scheduler stops, it
     * completes at once with {@link Repeating.Results#notRun()}.
     */
    CompletableFuture<R> request(boolean retry);
}
