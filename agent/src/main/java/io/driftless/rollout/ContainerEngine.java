package io.driftless.rollout;

import io.driftless.desired.Service;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the rollout needs from Docker. The docker-java adapter implements it against the real daemon;
 * tests of the executor use a fake world that implements it in memory.
 *
 * <p>Every method either does what it says or throws {@link EngineException} with a sentence an operator
 * can act on. Methods are idempotent where the name allows it (removing a gone container is not an error).
 */
public interface ContainerEngine {

    /** Every container of this agent instance (managed label and instance label), running or not. */
    List<LiveContainer> list() throws EngineException;

    /** The container as Docker sees it now, or empty when it is gone. */
    Optional<LiveContainer> inspect(String id) throws EngineException;

    /**
     * Makes sure the image is on the host: present locally, or pulled. Fails with a message naming the
     * service and the image when it can be neither found nor pulled.
     */
    void ensureImage(String service, String image) throws EngineException;

    /**
     * Creates and starts the container of {@code service} in {@code slot}, named
     * {@code <instance>-<service>-<slot>}, on the agent's network, with {@code init: true} and the
     * ownership labels (revision = {@code revision}, spec = {@code spec.specHash()}). Returns it as
     * inspected after start. A leftover container with the same name is the caller's business (the planner
     * removes it first).
     */
    LiveContainer run(Service spec, Slot slot, String revision) throws EngineException;

    /** Starts a stopped container again and returns it as inspected after start. */
    LiveContainer start(String id) throws EngineException;

    /** Stops (SIGTERM, then SIGKILL after {@code grace}) and removes the container; a gone one is fine. */
    void stopAndRemove(String id, Duration grace) throws EngineException;

    /** The last lines of the container's output, for error messages ("why did it exit?"). */
    String logTail(String id, int lines);
}
