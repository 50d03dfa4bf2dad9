package io.driftless.live;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What runs, as observed at the start of a pass.
 *
 * @param containers every container carrying this agent's labels, running or not
 * @param routes     what Caddy routes now, or empty when Caddy holds no config of ours (new, restarted,
 *                   or replaced by hand)
 */
public record LiveState(List<LiveContainer> containers, Optional<RouteTable> routes) {
    public LiveState {
        containers = containers.stream()
                .sorted(Comparator.comparing(LiveContainer::service).thenComparing(LiveContainer::slot))
                .toList();
    }

    public static LiveState empty() {
        return new LiveState(List.of(), Optional.empty());
    }

    public List<LiveContainer> containersOf(String service) {
        return containers.stream().filter(c -> c.service().equals(service)).toList();
    }

    public List<String> services() {
        return containers.stream().map(LiveContainer::service).distinct().toList();
    }

    /** The container of {@code service} in {@code slot}, running or not. */
    public Optional<LiveContainer> container(String service, Slot slot) {
        return container(containers, service, slot);
    }

    /** The address of the running container of {@code service} in {@code slot}: where a route may point. */
    public Optional<String> runningAddress(String service, Slot slot) {
        return container(service, slot).filter(LiveContainer::running).map(LiveContainer::address);
    }

    /** The container of {@code service} in {@code slot} among {@code containers}. */
    public static Optional<LiveContainer> container(List<LiveContainer> containers, String service, Slot slot) {
        return containers.stream().filter(c -> c.service().equals(service) && c.slot() == slot).findFirst();
    }

    /**
     * The container that stands for {@code service} when one line must describe it (a retire that failed, a
     * candidate left over): the serving one (running in the routed slot), else a running one, else the newest.
     */
    public Optional<LiveContainer> representative(String service) {
        return representative(containersOf(service), routes.flatMap(t -> t.bindingOf(service)).map(RouteTable.Binding::slot));
    }

    /** {@link #representative(String)} among one service's {@code containers}, {@code routed} its routed slot. */
    public static Optional<LiveContainer> representative(List<LiveContainer> containers, Optional<Slot> routed) {
        return containers.stream()
                .max(Comparator.comparing((LiveContainer x) -> x.running() && routed.equals(Optional.of(x.slot())))
                        .thenComparing(LiveContainer::running)
                        .thenComparing(x -> x.created() == null ? Instant.EPOCH : x.created()));
    }

    /** True when {@code c} runs in the slot Caddy routes {@code c.service()} to. */
    public boolean serving(LiveContainer c) {
        return c.running() && routes.flatMap(t -> t.bindingOf(c.service())).map(RouteTable.Binding::slot)
                .equals(Optional.of(c.slot()));
    }
}
