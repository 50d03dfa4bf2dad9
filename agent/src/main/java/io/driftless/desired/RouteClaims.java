package io.driftless.desired;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Which service each host + path was given to, so a second service claiming it is reported with both names. */
final class RouteClaims {
    private record Key(String host, String path) {
    }

    private record Claim(String service, int line) {
    }

    private final Map<Key, Claim> claims = new HashMap<>();

    /** Records the route, or reports it when an earlier route (in any service) has the same host and path. */
    void claim(Problems problems, String path, Node node, String service, Service.Route route) {
        // Host names are case-insensitive; Caddy's path matcher is not.
        Key key = new Key(route.host() == null ? null : route.host().toLowerCase(Locale.ROOT), route.path());
        Claim first = claims.get(key);
        if (first == null) {
            claims.put(key, new Claim(service, node.getStartMark().getLine() + 1));
            return;
        }
        String where = first.service().equals(service) ? "already listed for services." + service
                : "already routed to services." + first.service();
        problems.at(node, path + ": host " + (route.host() == null ? "(any)" : route.host()) + " and path "
                + (route.path() == null ? "(any)" : route.path()) + " is " + where + " on line " + first.line()
                + "; each host and path can lead to only one service");
    }
}
