package io.driftless.live;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the agent puts into Caddy, as a plain value: the listeners, the TLS mode and one binding per
 * route. The proxy adapter renders it into Caddy's JSON and reads it back from Caddy's live config, so the
 * planner can compare what is routed with what should be.
 *
 * @param tls the manifest's {@code proxy.tls} value: auto, internal or off
 */
public record RouteTable(List<String> listen, String tls, List<Binding> bindings) {
    public RouteTable {
        listen = List.copyOf(listen);
        Objects.requireNonNull(tls, "tls");
        bindings = bindings.stream().sorted(ORDER).toList();
    }

    /**
     * One route: requests for {@code host}/{@code path} go to {@code upstream} (ip:port of the container in
     * {@code slot}). Null host or path match everything.
     */
    public record Binding(String service, Slot slot, String upstream, String host, String path) {
        public Binding {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(upstream, "upstream");
        }
    }

    /**
     * Caddy tries routes in order, so the most specific goes first: a route with a host before one without,
     * a longer path before a shorter one; ties are broken by name so the order is stable.
     */
    public static final Comparator<Binding> ORDER = Comparator
            .comparing((Binding b) -> b.host() == null)
            .thenComparing((Binding b) -> b.path() == null ? 0 : -b.path().length())
            .thenComparing(b -> b.host() == null ? "" : b.host())
            .thenComparing(b -> b.path() == null ? "" : b.path())
            .thenComparing(Binding::service);

    /** The binding of a service, if it is routed (every route of one service points at the same slot). */
    public java.util.Optional<Binding> bindingOf(String service) {
        return bindings.stream().filter(b -> b.service().equals(service)).findFirst();
    }
}
