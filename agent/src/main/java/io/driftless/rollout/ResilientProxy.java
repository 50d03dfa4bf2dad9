package io.driftless.rollout;

import io.driftless.live.RouteTable;

import java.time.Clock;
import java.util.Optional;

/**
 * {@link RouteProxy} with {@link Backoff}. Both calls are safe to repeat: reading the config changes nothing,
 * and loading the same config twice is a no-op (Caddy compares it with the running one). A config Caddy
 * refuses (4xx) is not retried: it would be refused again.
 */
public final class ResilientProxy implements RouteProxy {
    private final RouteProxy proxy;
    private final Backoff<ProxyException> backoff;

    public ResilientProxy(RouteProxy proxy, Backoff.Policy policy, Clock clock) {
        this.proxy = proxy;
        this.backoff = new Backoff<>("Caddy's admin API", policy, ProxyException.class, ProxyException::isTransient,
                message -> new ProxyException(message, null, true), clock);
    }

    @Override
    public Optional<RouteTable> current() throws ProxyException {
        return backoff.retried(proxy::current);
    }

    @Override
    public void apply(RouteTable table) throws ProxyException {
        boolean[] reachedCaddy = {false};
        try {
            backoff.retried(() -> {
                try {
                    proxy.apply(table);
                } catch (ProxyException e) {
                    reachedCaddy[0] |= e.maybeApplied();
                    throw e;
                }
            });
        } catch (ProxyException e) {
            if (reachedCaddy[0] && !e.maybeApplied()) {
                // An earlier try may have taken effect even though the last one never reached Caddy: say so, so
                // the executor asks Caddy instead of assuming nothing moved.
                throw new ProxyException(e.getMessage(), e, e.isTransient(), true);
            }
            throw e;
        }
    }
}
