package io.driftless.desired;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Binds the top level of {@code driftless.yaml}: version, proxy, services, backups, allowRemoveAll. */
final class ManifestBinder {
    static final int VERSION = 1;
    static final List<String> KEYS = List.of("version", "proxy", "services", "backups", "allowRemoveAll");
    static final List<String> PROXY_KEYS = List.of("listen", "tls");
    private static final Map<String, Manifest.Tls> TLS = new LinkedHashMap<>();

    static {
        for (Manifest.Tls tls : Manifest.Tls.values()) {
            TLS.put(tls.key(), tls);
        }
    }

    private ManifestBinder() {
    }

    /** @return the manifest, or null when {@code problems} holds at least one error */
    static Manifest bind(Problems problems, Node root) {
        if (!(root instanceof MappingNode)) {
            problems.at(root, "the top level must be keys like version: 1 and services:, found " + Values.describe(root));
            return null;
        }
        YamlMap top = YamlMap.read(problems, "", null, root, KEYS);
        if (top == null) {
            return null;
        }
        Integer version = version(problems, top);
        Manifest.Proxy proxy = top.has("proxy") ? proxy(problems, top) : Manifest.Proxy.DEFAULT;
        YamlMap backupsMap = top.has("backups")
                ? YamlMap.read(problems, "backups", top.keyNode("backups"), top.get("backups"), null) : null;
        // Null when backups: is there but unreadable (already reported): no snapshot can be checked against it.
        List<String> backupNames = top.has("backups") && backupsMap == null ? null : new ArrayList<>();
        if (backupsMap != null) {
            backupsMap.entries().forEach(entry -> backupNames.add(entry.key()));
        }
        Map<String, Service> services = services(problems, top, backupNames);
        Map<String, Backup> backups = backups(problems, backupsMap);
        Boolean allowRemoveAll = top.has("allowRemoveAll")
                ? Values.bool(problems, "allowRemoveAll", top.get("allowRemoveAll")) : Boolean.FALSE;
        if (!problems.isEmpty() || version == null || proxy == null || allowRemoveAll == null) {
            return null;
        }
        return new Manifest(version, proxy, services, backups, allowRemoveAll);
    }

    private static Integer version(Problems problems, YamlMap top) {
        Node node = top.require("version", "version: " + VERSION + " as the first line");
        if (node == null) {
            return null;
        }
        if (!Values.tagAllowed(problems, "version", node)) {
            return null;
        }
        if (node instanceof ScalarNode scalar && Tag.INT.equals(node.getTag())) {
            if (scalar.getValue().equals(String.valueOf(VERSION))) {
                return VERSION;
            }
            problems.at(node, "version: " + Values.shown(scalar.getValue()) + " is not supported; this agent reads "
                    + "version: " + VERSION);
            return null;
        }
        problems.at(node, "version: expected the number " + VERSION + ", found " + Values.describe(node));
        return null;
    }

    private static Manifest.Proxy proxy(Problems problems, YamlMap top) {
        int before = problems.count();
        YamlMap proxy = YamlMap.read(problems, "proxy", top.keyNode("proxy"), top.get("proxy"), PROXY_KEYS);
        if (proxy == null) {
            return null;
        }
        List<String> listen = Manifest.Proxy.DEFAULT.listen();
        if (proxy.has("listen")) {
            listen = listen(problems, proxy);
        }
        Manifest.Tls tls = proxy.has("tls") ? Values.choice(problems, "proxy.tls", proxy.get("tls"), TLS)
                : Manifest.Proxy.DEFAULT.tls();
        return problems.count() != before || listen == null || tls == null ? null : new Manifest.Proxy(listen, tls);
    }

    private static List<String> listen(Problems problems, YamlMap proxy) {
        Node node = proxy.get("listen");
        List<Node> items = Values.list(problems, "proxy.listen", node, "[\":80\", \":443\"]");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            problems.at(node, "proxy.listen: is empty, so no request could reach a service; list addresses like "
                    + "[\":80\", \":443\"] or leave listen out for those two");
            return null;
        }
        List<String> addresses = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "proxy.listen[" + i + "]";
            String address = Values.text(problems, path, items.get(i));
            if (address == null) {
                continue;
            }
            var problem = Addresses.listenProblem(address);
            Integer firstLine = problem.isPresent() ? null : seen.putIfAbsent(address, items.get(i).getStartMark().getLine() + 1);
            if (problem.isPresent()) {
                problems.at(items.get(i), path + ": " + problem.get());
            } else if (firstLine != null) {
                problems.at(items.get(i), path + ": " + Values.quoted(address) + " is already listed on line " + firstLine);
            } else {
                addresses.add(address);
            }
        }
        return addresses;
    }

    private static Map<String, Service> services(Problems problems, YamlMap top, List<String> backupNames) {
        Map<String, Service> services = new LinkedHashMap<>();
        if (!top.has("services")) {
            return services;
        }
        YamlMap map = YamlMap.read(problems, "services", top.keyNode("services"), top.get("services"), null);
        if (map == null) {
            return services;
        }
        RouteClaims claims = new RouteClaims();
        for (YamlMap.Entry entry : map.entries()) {
            Service service = ServiceBinder.bind(problems, claims, backupNames, entry.key(), entry.keyNode(), entry.value());
            if (service != null) {
                services.put(entry.key(), service);
            }
        }
        return services;
    }

    /** @param map the {@code backups:} mapping, null when it is absent or not a mapping (already reported) */
    private static Map<String, Backup> backups(Problems problems, YamlMap map) {
        Map<String, Backup> backups = new LinkedHashMap<>();
        if (map == null) {
            return backups;
        }
        for (YamlMap.Entry entry : map.entries()) {
            Backup backup = BackupBinder.bind(problems, entry.key(), entry.keyNode(), entry.value());
            if (backup != null) {
                backups.put(entry.key(), backup);
            }
        }
        return backups;
    }
}
