package io.driftless.desired;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
        return distinct(problems, caps.pathOf(key), caps.get(key), "[NET_ADMIN, SYS_TIME]", seen, name ->
                Capabilities.problemWith(name).or(() -> other.containsKey(name)
                        ? Optional.of(name + " is also added on line " + other.get(name)
                        + "; a capability is either added or dropped, remove one of them")
                        : Optional.empty()));
    }

    private static List<String> devices(Problems problems, YamlMap service) {
        if (!service.has("devices")) {
            return List.of();
        }
        return distinct(problems, service.pathOf("devices"), service.get("devices"), "[/dev/fuse]", new HashMap<>(),
                device -> DEVICE.matcher(device).matches() ? Optional.empty() : Optional.of(Values.quoted(device)
                        + " is not a device path; list host device files under /dev written plainly (no . or .. parts), "
                        + "like /dev/fuse; the container sees each at the same path"));
    }

    /** The texts of a list, each passing {@code check} (why not, or empty) and listed once. */
    private static List<String> distinct(Problems problems, String path, Node node, String example,
                                         Map<String, Integer> seen, Function<String, Optional<String>> check) {
        List<Node> items = Values.list(problems, path, node, example);
        if (items == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Node item = items.get(i);
            String value = Values.text(problems, itemPath, item);
            if (value == null) {
                continue;
            }
            Optional<String> problem = check.apply(value);
            Integer first = problem.isPresent() ? null : seen.putIfAbsent(value, item.getStartMark().getLine() + 1);
            if (problem.isPresent()) {
                problems.at(item, itemPath + ": " + problem.get());
            } else if (first != null) {
                problems.at(item, itemPath + ": " + value + " is already listed on line " + first);
            } else {
                values.add(value);
            }
        }
        return values;
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
