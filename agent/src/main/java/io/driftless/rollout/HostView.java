package io.driftless.rollout;

import io.driftless.live.LiveState;

/**
 * What runs (Docker's containers, Caddy's routes), read once per pass and again only after the agent changed
 * something: a pass that plans nothing asks Docker once, not once to plan and again for {@code status}.
 */
final class HostView {
    private final ContainerEngine engine;
    private final RouteProxy proxy;
    private LiveState seen;

    HostView(ContainerEngine engine, RouteProxy proxy) {
        this.engine = engine;
        this.proxy = proxy;
    }

    /** A new pass: nothing read before it counts. */
    void newPass() {
        seen = null;
    }

    /** The agent is about to change the host: what was read no longer holds. */
    void changing() {
        seen = null;
    }

    /** What runs: as read earlier in this pass if the agent changed nothing since, else read now. */
    LiveState observe() throws EngineException, ProxyException {
        if (seen == null) {
            seen = new LiveState(engine.list(), proxy.current());
        }
        return seen;
    }
}
