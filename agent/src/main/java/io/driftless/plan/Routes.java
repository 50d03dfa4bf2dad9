package io.driftless.plan;

import io.driftless.desired.Manifest;
import io.driftless.desired.Service;
import io.driftless.live.RouteTable;
import io.driftless.live.Slot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** Builds the route table for a manifest from the slot each service is served from. */
public final class Routes {
    private Routes() {
    }

    /**
     * @param targets    the slot each service is served from
     * @param addressOf  the IP address of a service's container in a slot, or empty when it has none
     * @return the table, or empty when a routed service has no address (its container is not running)
     */
    public static Optional<RouteTable> table(Manifest manifest, Map<String, Slot> targets,
                                             BiFunction<String, Slot, Optional<String>> addressOf) {
        List<RouteTable.Binding> bindings = new ArrayList<>();
        for (Service service : manifest.services().values()) {
            Slot slot = targets.get(service.name());
            if (service.routes().isEmpty() || slot == null) {
                continue;
            }
            Optional<String> address = addressOf.apply(service.name(), slot);
            if (address.isEmpty()) {
                return Optional.empty();
            }
            String upstream = hostPort(address.get(), service.port());
            for (Service.Route route : service.routes()) {
                bindings.add(new RouteTable.Binding(service.name(), slot, upstream, route.host(), route.path()));
            }
        }
        return Optional.of(new RouteTable(manifest.proxy().listen(), manifest.proxy().tls().key(), bindings));
    }

    public static String hostPort(String address, int port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
