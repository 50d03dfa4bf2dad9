package io.driftless.rollout;

import io.driftless.live.RouteTable;

import java.util.Optional;

/**
 * What the rollout needs from the reverse proxy. The Caddy adapter is the only class that knows Caddy's
 * JSON; it renders a {@link RouteTable} into a full config and reads one back from Caddy's live config.
 */
public interface RouteProxy {

    /** What the proxy routes now, or empty when it holds no config rendered by this agent. */
    Optional<RouteTable> current() throws ProxyException;

    /**
     * Replaces the proxy's whole config with the rendering of {@code table} in ONE load, so every route
     * switches at once. A rejected config leaves the old one serving and throws.
     */
    void apply(RouteTable table) throws ProxyException;
}
