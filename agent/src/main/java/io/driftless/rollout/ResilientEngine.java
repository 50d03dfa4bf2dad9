package io.driftless.rollout;

import io.driftless.desired.Service;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link ContainerEngine} with {@link Backoff}: reads, image checks, starts and removals are idempotent and
 * retried when the daemon did not answer; {@link #run} is not (a create that half happened would clash on
 * its name), so it only goes through the breaker and the next pass sorts out what it left.
 */
public final class ResilientEngine implements ContainerEngine {
    private final ContainerEngine engine;
    private final Backoff backoff;

    public ResilientEngine(ContainerEngine engine, Backoff.Policy policy, Clock clock) {
        this.engine = engine;
        this.backoff = new Backoff("Docker", policy, t -> t instanceof EngineException e && e.isTransient(), clock);
    }

    @Override
    public List<LiveContainer> list() throws EngineException {
        return backoff.retried(engine::list, ResilientEngine::open);
    }

    @Override
    public Optional<LiveContainer> inspect(String id) throws EngineException {
        return backoff.retried(() -> engine.inspect(id), ResilientEngine::open);
    }

    @Override
    public void ensureImage(String service, String image) throws EngineException {
        backoff.retried(() -> {
            engine.ensureImage(service, image);
            return null;
        }, ResilientEngine::open);
    }

    @Override
    public LiveContainer run(Service spec, Slot slot, String revision) throws EngineException {
        return backoff.once(() -> engine.run(spec, slot, revision), ResilientEngine::open);
    }

    @Override
    public LiveContainer start(String id) throws EngineException {
        return backoff.retried(() -> engine.start(id), ResilientEngine::open);
    }

    @Override
    public void stopAndRemove(String id, Duration grace) throws EngineException {
        backoff.retried(() -> {
            engine.stopAndRemove(id, grace);
            return null;
        }, ResilientEngine::open);
    }

    @Override
    public String logTail(String id, int lines) {
        return engine.logTail(id, lines); // best effort already, for error messages only
    }

    private static EngineException open(String message) {
        return new EngineException(message, null, true);
    }
}
