package io.driftless.desired;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds what a service asks of the host: {@code privileged}, {@code network}, {@code pid}, {@code capabilities},
 * {@code devices}, {@code user}. The manifest only states the wish; whether the host grants it is the agent's
 * host policy, never the repository's say.
 */
final class HostAccessBinder {
    static final List<String> KEYS = List.of("privileged", "network", "pid", "capabilities", "devices", "user");
    static final List<String> CAPABILITY_KEYS = List.of("add", "drop");
    private static final Map<String, Boolean> NETWORKS = new LinkedHashMap<>();
    private static final Map<String, Boolean> PIDS = new LinkedHashMap<>();
    /** Normalised absolute paths under /dev: no ".", "..", empty or trailing segments to fool a policy. */
    private static final Pattern DEVICE = Pattern.compile("/dev(/(?!\\.\\.?(/|$))[A-Za-z0-9_.+-]+)+");
    /** {@code user[:group]}, names or numbers, as Docker's --user takes them. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?");

    static {
        NETWORKS.put("agent", false);
        NETWORKS.put("host", true);
        PIDS.put("container", false);
        PIDS.put("host", true);
    }

    private HostAccessBinder() {
    }

    /** {@code network: host}; null when the value is wrong (reported). Read first: it decides the rollout strategy. */
    static Boolean hostNetwork(Problems problems, YamlMap service) {
        return service.has("network") ? Values.choice(problems, service.pathOf("network"), service.get("network"), NETWORKS)
                : Boolean.FALSE;
    }

    /** @return the host access, or null when any of its keys is wrong (every problem is reported) */
    static HostAccess bind(Problems problems, YamlMap service, Boolean hostNetwork) {
        int before = problems.count();
        Boolean privileged = service.has("privileged")
                ? Values.bool(problems, service.pathOf("privileged"), service.get("privileged")) : Boolean.FALSE;
        Boolean hostPid = service.has("pid")
                ? Values.choice(problems, service.pathOf("pid"), service.get("pid"), PIDS) : Boolean.FALSE;
        List<String> add = List.of();
        List<String> drop = List.of();
        if (service.has("capabilities")) {
            YamlMap caps = YamlMap.read(problems, service.pathOf("capabilities"), service.keyNode("capabilities"),
                    service.get("capabilities"), CAPABILITY_KEYS);
            if (caps != null) {
                Map<String, Integer> added = new HashMap<>();
                add = capabilities(problems, caps, "add", added, Map.of());
                drop = capabilities(problems, caps, "drop", new HashMap<>(), added);
            }
        }
        List<String> devices = devices(problems, service);
        String user = service.has("user") ? user(problems, service) : null;
        if (problems.count() != before || hostNetwork == null) {
            return null;
        }
        return new HostAccess(privileged, hostNetwork, hostPid, add, drop, devices, user);
    }

    /**
     * @param seen  name → line, filled here: a name listed twice is an error
     * @param other the names of the other list: a capability both added and dropped is a contradiction
     */
    private static List<String> capabilities(Problems problems, YamlMap caps, String key, Map<String, Integer> seen,
                                             Map<String, Integer> other) {
        if (!caps.has(key)) {
            return List.of();
        }
        String path = caps.pathOf(key);
        List<Node> items = Values.list(problems, path, caps.get(key), "[NET_ADMIN, SYS_TIME]");
        if (items == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Node node = items.get(i);
            String name = Values.text(problems, itemPath, node);
            if (name == null) {
                continue;
            }
            var problem = Capabilities.problemWith(name);
            if (problem.isPresent()) {
                problems.at(node, itemPath + ": " + problem.get());
                continue;
            }
            int line = node.getStartMark().getLine() + 1;
            Integer first = seen.putIfAbsent(name, line);
            if (first != null) {
                problems.at(node, itemPath + ": " + name + " is already listed on line " + first);
            } else if (other.containsKey(name)) {
                problems.at(node, itemPath + ": " + name + " is also added on line " + other.get(name)
                        + "; a capability is either added or dropped, remove one of them");
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> devices(Problems problems, YamlMap service) {
        if (!service.has("devices")) {
            return List.of();
        }
        String path = service.pathOf("devices");
        List<Node> items = Values.list(problems, path, service.get("devices"), "[/dev/fuse]");
        if (items == null) {
            return List.of();
        }
        List<String> devices = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Node node = items.get(i);
            String device = Values.text(problems, itemPath, node);
            if (device == null) {
                continue;
            }
            if (!DEVICE.matcher(device).matches()) {
                problems.at(node, itemPath + ": " + Values.quoted(device) + " is not a device path; list host device "
                        + "files under /dev written plainly (no . or .. parts), like /dev/fuse; the container sees "
                        + "each at the same path");
                continue;
            }
            Integer first = seen.putIfAbsent(device, node.getStartMark().getLine() + 1);
            if (first != null) {
                problems.at(node, itemPath + ": " + device + " is already listed on line " + first);
                continue;
            }
            devices.add(device);
        }
        return devices;
    }

    private static String user(Problems problems, YamlMap service) {
        Node node = service.get("user");
        String user = Values.text(problems, service.pathOf("user"), node);
        if (user == null) {
            return null;
        }
        if (!USER.matcher(user).matches()) {
            problems.at(node, service.pathOf("user") + ": " + Values.quoted(user) + " is not a user; write a user name "
                    + "or number, optionally with a group, like \"1000:1000\" or app:app");
            return null;
        }
        return user;
    }
}
