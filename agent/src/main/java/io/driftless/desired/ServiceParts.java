package io.driftless.desired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** The nested parts of a service: {@code health}, {@code rollout}, {@code routes} and {@code snapshot}. */
final class ServiceParts {
    static final List<String> HEALTH_KEYS = List.of("path", "interval", "timeout", "successes", "deadline");
    static final List<String> ROLLOUT_KEYS = List.of("strategy", "drain", "monitor");
    static final List<String> ROUTE_KEYS = List.of("host", "path");
    static final List<String> SNAPSHOT_KEYS = List.of("backup", "restoreOnFailure");
    private static final Map<String, Service.Strategy> STRATEGIES = new LinkedHashMap<>();

    static {
        for (Service.Strategy strategy : Service.Strategy.values()) {
            STRATEGIES.put(strategy.key(), strategy);
        }
    }

    private ServiceParts() {
    }

    static Service.Health health(Problems problems, YamlMap service) {
        int before = problems.count();
        YamlMap health = YamlMap.read(problems, service.pathOf("health"), service.keyNode("health"),
                service.get("health"), HEALTH_KEYS);
        if (health == null) {
            return null;
        }
        Node pathNode = health.require("path", "path: /healthz");
        String path = pathNode == null ? null : urlPath(problems, health.pathOf("path"), pathNode, "/healthz");
        Duration interval = duration(problems, health, "interval", Service.Health.DEFAULT_INTERVAL, true);
        Duration timeout = duration(problems, health, "timeout", Service.Health.DEFAULT_TIMEOUT, true);
        Duration deadline = duration(problems, health, "deadline", Service.Health.DEFAULT_DEADLINE, true);
        Integer successes = health.has("successes")
                ? Values.wholeNumber(problems, health.pathOf("successes"), health.get("successes"), 1, 1000)
                : Integer.valueOf(Service.Health.DEFAULT_SUCCESSES);
        if (timeout != null && deadline != null && timeout.compareTo(deadline) > 0) {
            String key = health.has("timeout") ? "timeout" : health.has("deadline") ? "deadline" : null;
            problems.at(key == null ? health.owner() : health.get(key), health.pathOf(key == null ? "timeout" : key)
                    + ": the timeout of " + Durations.format(timeout) + " is longer than the deadline of "
                    + Durations.format(deadline) + "; one probe may not outlast the whole gate (lower timeout or "
                    + "raise deadline)");
        }
        if (interval != null && deadline != null && successes != null
                && interval.multipliedBy(successes - 1L).compareTo(deadline) >= 0) {
            // The gate needs successes probes, interval apart, all inside the deadline: this one can never pass.
            Node at = health.has("successes") ? health.get("successes") : health.has("deadline")
                    ? health.get("deadline") : health.owner();
            problems.at(at, health.path() + ": " + successes + " successes " + Durations.format(interval)
                    + " apart take at least " + Durations.format(interval.multipliedBy(successes - 1L))
                    + ", which does not fit in the deadline of " + Durations.format(deadline)
                    + "; raise deadline or lower successes or interval");
        }
        if (problems.count() != before || path == null) {
            return null;
        }
        return new Service.Health(path, interval, timeout, successes, deadline);
    }

    /**
     * The rollout settings; the strategy defaults to blue-green for a service with a port, recreate otherwise. On the
     * host's network it is always recreate: two containers side by side would both need the same host ports.
     */
    static Service.Rollout rollout(Problems problems, YamlMap service, boolean hasPort, boolean hostNetwork) {
        Service.Strategy fallback = hasPort && !hostNetwork ? Service.Strategy.BLUE_GREEN : Service.Strategy.RECREATE;
        if (!service.has("rollout")) {
            return new Service.Rollout(fallback, Service.Rollout.DEFAULT_DRAIN, Service.Rollout.DEFAULT_MONITOR);
        }
        YamlMap rollout = YamlMap.read(problems, service.pathOf("rollout"), service.keyNode("rollout"),
                service.get("rollout"), ROLLOUT_KEYS);
        if (rollout == null) {
            return null;
        }
        Service.Strategy strategy = fallback;
        if (rollout.has("strategy")) {
            strategy = Values.choice(problems, rollout.pathOf("strategy"), rollout.get("strategy"), STRATEGIES);
            if (strategy == Service.Strategy.BLUE_GREEN && !hasPort) {
                problems.at(rollout.get("strategy"), rollout.pathOf("strategy") + ": blue-green needs a port to "
                        + "switch traffic on; add port: to the service (with a health check), or set strategy: recreate");
            } else if (strategy == Service.Strategy.BLUE_GREEN && hostNetwork) {
                problems.at(rollout.get("strategy"), rollout.pathOf("strategy") + ": blue-green runs the old and the new "
                        + "container side by side, which cannot both use the host's ports with network: host; set "
                        + "strategy: recreate, or remove network: host");
            }
        }
        Duration drain = duration(problems, rollout, "drain", Service.Rollout.DEFAULT_DRAIN, false);
        Duration monitor = duration(problems, rollout, "monitor", Service.Rollout.DEFAULT_MONITOR, false);
        if (strategy == null || drain == null || monitor == null) {
            return null;
        }
        return new Service.Rollout(strategy, drain, monitor);
    }

    static List<Service.Route> routes(Problems problems, RouteClaims claims, String serviceName, YamlMap service) {
        if (!service.has("routes")) {
            return List.of();
        }
        String path = service.pathOf("routes");
        List<Node> items = Values.list(problems, path, service.get("routes"), "[{host: app.example.com, path: /*}]");
        if (items == null) {
            return null;
        }
        List<Service.Route> routes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Node item = items.get(i);
            if (Values.isEmpty(item)) {
                problems.at(item, itemPath + ": is empty; write host: and/or path:, or {} to send every request here");
                continue;
            }
            int before = problems.count();
            YamlMap route = YamlMap.read(problems, itemPath, item, item, ROUTE_KEYS);
            if (route == null) {
                continue;
            }
            String host = route.has("host") ? Values.text(problems, route.pathOf("host"), route.get("host")) : null;
            if (host != null) {
                Addresses.hostProblem(host).ifPresent(reason -> problems.at(route.get("host"), route.pathOf("host") + ": " + reason));
            }
            String routePath = route.has("path") ? urlPath(problems, route.pathOf("path"), route.get("path"), "/api/*") : null;
            if (problems.count() == before) {
                Service.Route bound = new Service.Route(host, routePath);
                claims.claim(problems, itemPath, item, serviceName, bound);
                routes.add(bound);
            }
        }
        return routes;
    }

    private static Duration duration(Problems problems, YamlMap map, String key, Duration fallback, boolean positive) {
        return map.has(key) ? Values.duration(problems, map.pathOf(key), map.get(key), positive) : fallback;
    }

    private static String urlPath(Problems problems, String path, Node node, String example) {
        String text = Values.text(problems, path, node);
        if (text == null) {
            return null;
        }
        if (!text.startsWith("/") || text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problems.at(node, path + ": " + Values.quoted(text) + " is not a URL path; it starts with / and has no "
                    + "spaces, like " + example);
            return null;
        }
        return text;
    }

    static Service.Snapshot snapshot(Problems problems, YamlMap service, List<String> backupNames) {
        int before = problems.count();
        YamlMap snapshot = YamlMap.read(problems, service.pathOf("snapshot"), service.keyNode("snapshot"),
                service.get("snapshot"), SNAPSHOT_KEYS);
        if (snapshot == null) {
            return null;
        }
        String example = backupNames == null || backupNames.isEmpty() ? "main-db" : backupNames.get(0);
        Node node = snapshot.require("backup", "backup: " + example + " (a name under backups:)");
        String backup = node == null ? null : Values.text(problems, snapshot.pathOf("backup"), node);
        if (backup != null && backupNames != null && !backupNames.contains(backup)) {
            String suggestion = Spelling.didYouMean(backup, backupNames);
            problems.at(node, snapshot.pathOf("backup") + ": " + Values.quoted(backup) + " is not a backup of this "
                    + "manifest" + (backupNames.isEmpty() ? "; add a policy of that name under backups:, or remove "
                    + "snapshot" : (suggestion.isEmpty() ? "." : suggestion) + " Backups here: "
                    + String.join(", ", backupNames)));
        }
        Boolean restoreOnFailure = snapshot.has("restoreOnFailure")
                ? Values.bool(problems, snapshot.pathOf("restoreOnFailure"), snapshot.get("restoreOnFailure"))
                : Boolean.FALSE;
        return problems.count() != before || backup == null || restoreOnFailure == null ? null
                : new Service.Snapshot(backup, restoreOnFailure);
    }
}
