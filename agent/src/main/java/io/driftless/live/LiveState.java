package io.driftless.live;

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
}
