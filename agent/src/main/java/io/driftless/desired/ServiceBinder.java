package io.driftless.desired;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Binds {@code services.<name>} to a {@link Service}, with the rules that tie its keys together. */
final class ServiceBinder {
    /** It becomes part of container names (driftless-web-blue), which Docker and DNS both have to accept. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
    static final String NAME_RULE = "use 1 to 32 lowercase letters, digits and dashes, starting and ending with a "
            + "letter or digit";
    static final List<String> KEYS = List.of("image", "port", "env", "command", "volumes", "health", "rollout", "routes",
            "privileged", "network", "pid", "capabilities", "devices", "user", "snapshot");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ServiceBinder() {
    }

    /**
     * @param backupNames every name under {@code backups:}, also those refused, so a wrong policy is not reported
     *                    a second time as unknown here; null when {@code backups:} itself could not be read
     * @return the service, or null when any part of it is wrong (every problem is reported)
     */
    static Service bind(Problems problems, RouteClaims claims, List<String> backupNames, String name, Node keyNode,
                        Node value) {
        int before = problems.count();
        String path = YamlMap.child("services", name);
        if (!NAME.matcher(name).matches()) {
            problems.at(keyNode, path + ": " + Values.quoted(name) + " is not a valid service name; " + NAME_RULE
                    + " (it becomes part of the container names)");
        }
        YamlMap map = YamlMap.read(problems, path, keyNode, value, KEYS);
        if (map == null) {
            return null;
        }
        String image = image(problems, map);
        Integer port = map.has("port") ? Values.wholeNumber(problems, map.pathOf("port"), map.get("port"), 1, 65535) : null;
        Map<String, String> env = env(problems, map);
        List<String> command = map.has("command") ? command(problems, map) : null;
        List<String> volumes = volumes(problems, map);
        Service.Health health = map.has("health") ? ServiceParts.health(problems, map) : null;
        Boolean hostNetwork = HostAccessBinder.hostNetwork(problems, map);
        HostAccess hostAccess = HostAccessBinder.bind(problems, map, hostNetwork);
        Service.Rollout rollout = ServiceParts.rollout(problems, map, map.has("port"), Boolean.TRUE.equals(hostNetwork));
        List<Service.Route> routes = ServiceParts.routes(problems, claims, name, map);
        Service.Snapshot snapshot = map.has("snapshot") ? ServiceParts.snapshot(problems, map, backupNames) : null;

        boolean blueGreen = rollout != null && rollout.strategy() == Service.Strategy.BLUE_GREEN;
        if (blueGreen && map.has("port") && !map.has("health")) {
            problems.at(keyNode, path + ": blue-green rollout needs a health check: add health.path "
                    + "(or set rollout.strategy: recreate)");
        }
        if (map.has("routes") && !map.has("port") && routes != null && !routes.isEmpty()) {
            problems.at(map.keyNode("routes"), map.pathOf("routes") + ": routes need a port to send traffic to; "
                    + "add port: with the container port the app listens on");
        } else if (map.has("routes") && Boolean.TRUE.equals(hostNetwork) && routes != null && !routes.isEmpty()) {
            problems.at(map.keyNode("routes"), map.pathOf("routes") + ": a service on the host's network (network: host) "
                    + "cannot take routes, because Caddy sends traffic to containers on the agent's network; remove "
                    + "routes, or remove network: host");
        }
        if (problems.count() != before || image == null) {
            return null;
        }
        return new Service(name, image, port, env, command, volumes, health, rollout, routes, hostAccess, snapshot);
    }

    private static String image(Problems problems, YamlMap map) {
        Node node = map.require("image", "image: " + ImageReference.EXAMPLE);
        if (node == null) {
            return null;
        }
        String image = Values.text(problems, map.pathOf("image"), node);
        if (image == null) {
            return null;
        }
        var problem = ImageReference.problemWith(image);
        problem.ifPresent(reason -> problems.at(node, map.pathOf("image") + ": " + reason));
        return problem.isPresent() ? null : image;
    }

    private static Map<String, String> env(Problems problems, YamlMap service) {
        if (!service.has("env")) {
            return Map.of();
        }
        YamlMap env = YamlMap.read(problems, service.pathOf("env"), service.keyNode("env"), service.get("env"), null);
        if (env == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (YamlMap.Entry entry : env.entries()) {
            String path = env.pathOf(entry.key());
            if (!ENV_NAME.matcher(entry.key()).matches()) {
                problems.at(entry.keyNode(), path + ": " + Values.quoted(entry.key()) + " is not a valid variable name; "
                        + "use letters, digits and '_', not starting with a digit (like APP_ENV)");
                continue;
            }
            if (Values.isEmpty(entry.value())) {
                problems.at(entry.value(), path + ": has no value; write " + entry.key() + ": \"\" for an empty one");
                continue;
            }
            String text = Values.text(problems, path, entry.value());
            if (text != null) {
                values.put(entry.key(), text);
            }
        }
        return values;
    }

    private static List<String> command(Problems problems, YamlMap service) {
        String path = service.pathOf("command");
        List<Node> items = Values.list(problems, path, service.get("command"), "[\"/app/server\", \"--verbose\"]");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            problems.at(service.get("command"), path + ": is empty; leave command out to run the image's own "
                    + "command, or list the program and its arguments like [\"/app/server\", \"--verbose\"]");
            return null;
        }
        List<String> command = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            command.add(Values.text(problems, path + "[" + i + "]", items.get(i)));
        }
        return command.contains(null) ? null : command;
    }

    private static List<String> volumes(Problems problems, YamlMap service) {
        if (!service.has("volumes")) {
            return List.of();
        }
        String path = service.pathOf("volumes");
        List<Node> items = Values.list(problems, path, service.get("volumes"), "[\"uploads:/srv/uploads\"]");
        if (items == null) {
            return null;
        }
        List<String> volumes = new ArrayList<>();
        Map<String, Integer> targets = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Node node = items.get(i);
            String volume = Values.text(problems, itemPath, node);
            if (volume == null) {
                continue;
            }
            String target;
            try {
                target = VolumeMount.parse(volume).target();
            } catch (IllegalArgumentException e) {
                problems.at(node, itemPath + ": " + e.getMessage());
                continue;
            }
            Integer firstLine = targets.putIfAbsent(target, node.getStartMark().getLine() + 1);
            if (firstLine != null) {
                problems.at(node, itemPath + ": " + target + " is already mounted on line " + firstLine
                        + "; a container path can take only one volume");
                continue;
            }
            volumes.add(volume);
        }
        return volumes;
    }
}
