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
    private final Backoff<EngineException> backoff;

    public ResilientEngine(ContainerEngine engine, Backoff.Policy policy, Clock clock) {
        this.engine = engine;
        this.backoff = new Backoff<>("Docker", policy, EngineException.class, EngineException::isTransient,
                message -> new EngineException(message, null, true), clock);
    }

    @Override
    public List<LiveContainer> list() throws EngineException {
        return backoff.retried(engine::list);
    }

    @Override
    public Optional<LiveContainer> inspect(String id) throws EngineException {
        return backoff.retried(() -> engine.inspect(id));
    }

    @Override
    public void ensureImage(String service, String image) throws EngineException {
        backoff.retried(() -> engine.ensureImage(service, image));
    }

    @Override
    public LiveContainer run(Service spec, Slot slot, String revision) throws EngineException {
        return backoff.once(() -> engine.run(spec, slot, revision));
    }

    @Override
    public LiveContainer start(String id) throws EngineException {
        return backoff.retried(() -> engine.start(id));
    }

    @Override
    public void stopAndRemove(String id, Duration grace) throws EngineException {
        backoff.retried(() -> engine.stopAndRemove(id, grace));
    }

    @Override
    public String logTail(String id, int lines) {
        return engine.logTail(id, lines); // best effort already, for error messages only
    }
}
