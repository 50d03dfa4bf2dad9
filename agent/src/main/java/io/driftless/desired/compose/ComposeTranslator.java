package io.driftless.desired.compose;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the subset of a docker-compose file that means the same in {@code driftless.yaml}; every other key is
 * a refusal naming {@code file:line:column}, the service and the reason. Pure: text in, text and refusals out.
 */
public final class ComposeTranslator {
    /** What was refused, where. */
    public record Refusal(String file, int line, int column, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + message;
        }
    }

    /** The manifest text (commented YAML) and the refusals; when there are refusals the text is incomplete. */
    public record Result(String manifest, List<Refusal> refusals) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern URL = Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0)(?::(\\d+))?(/[^\\s'\"|;&]*)?");
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("container_name", "the agent names containers itself (<instance>-<service>-<slot>) to run blue and green side by side; remove it"),
            Map.entry("build", "the agent deploys images, it does not build them; build and push the image in CI and set image"),
            Map.entry("privileged", "write privileged: true in driftless.yaml by hand if you mean it; the agent's host policy refuses it unless --allow-privileged"),
            Map.entry("network_mode", "write network: host in driftless.yaml by hand if you mean it (no routes, recreate); refused by the host policy unless --allow-host-network"),
            Map.entry("networks", "every service joins the agent's one network and reaches the others by service name; remove it"),
            Map.entry("env_file", "driftless.yaml takes env inline only (the manifest is the whole desired state); copy the variables under environment"),
            Map.entry("deploy", "replicas and resource limits are not part of driftless.yaml"),
            Map.entry("cap_add", "write capabilities: {add: [...]} in driftless.yaml by hand; refused by the host policy unless --allow-capability"),
            Map.entry("devices", "write devices: [...] in driftless.yaml by hand; refused by the host policy unless --allow-device"),
            Map.entry("pid", "write pid: host in driftless.yaml by hand; refused by the host policy unless --allow-host-pid"),
            Map.entry("labels", "the agent labels its containers itself; driftless.yaml has no labels"),
            Map.entry("expose", "services reach each other on the agent's network by name; only port (one) is routed"),
            Map.entry("links", "services reach each other on the agent's network by service name; remove it"),
            Map.entry("extends", "inline the extended service"),
            Map.entry("secrets", "driftless.yaml has no secrets; mount a file from the host with a volume"),
            Map.entry("configs", "driftless.yaml has no configs; mount a file from the host with a volume"));

    private final String file;
    private final List<Refusal> refusals = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    private ComposeTranslator(String file) {
        this.file = file;
    }

    public static Result translate(String file, String text) {
        ComposeTranslator t = new ComposeTranslator(file);
        t.run(text);
        return new Result(t.out.toString(), List.copyOf(t.refusals));
    }

    private void refuse(Node at, String message) {
        refusals.add(new Refusal(file, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1, message));
    }

    private void run(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (YAMLException e) {
            refusals.add(new Refusal(file, 1, 1, "this is not valid YAML: " + e.getMessage().replace('\n', ' ')));
            return;
        }
        if (!(root instanceof MappingNode top)) {
            refusals.add(new Refusal(file, 1, 1, "a compose file is a mapping with services"));
            return;
        }
        out.append("# driftless.yaml, translated from ").append(file).append(" by `driftless import compose`.\n");
        out.append("# Check the lines marked 'edit', then: java -jar driftless.jar validate .\n");
        out.append("version: 1\n");
        MappingNode services = null;
        for (NodeTuple entry : top.getValue()) {
            String key = scalar(entry.getKeyNode());
            switch (key) {
                case "services" -> {
                    if (entry.getValueNode() instanceof MappingNode m) {
                        services = m;
                    } else {
                        refuse(entry.getValueNode(), "services must be a mapping");
                    }
                }
                case "version", "name", "volumes" -> {
                    // version and name mean nothing here; named volumes are made by Docker on first use.
                }
                default -> refuse(entry.getKeyNode(), "top-level " + key + " has no counterpart in driftless.yaml");
            }
        }
        if (services == null) {
            refusals.add(new Refusal(file, 1, 1, "no services"));
            return;
        }
        out.append("services:\n");
        StringBuilder backups = new StringBuilder();
        for (NodeTuple entry : services.getValue()) {
            service(entry, backups);
        }
        out.append(backups);
    }

    private void service(NodeTuple entry, StringBuilder backups) {
        String compose = scalar(entry.getKeyNode());
        String name = compose.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (!NAME.matcher(name).matches()) {
            refuse(entry.getKeyNode(), "service " + compose + ": the name must be [a-z0-9-] in driftless.yaml; rename it");
            return;
        }
        if (!(entry.getValueNode() instanceof MappingNode body)) {
            refuse(entry.getValueNode(), "service " + compose + ": must be a mapping");
            return;
        }
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple t : body.getValue()) {
            String key = scalar(t.getKeyNode());
            String reason = REFUSED.get(key);
            if (reason != null) {
                refuse(t.getKeyNode(), "service " + compose + ": " + key + " is refused: " + reason);
            } else {
                keys.put(key, t.getValueNode());
                if (!List.of("image", "environment", "command", "volumes", "ports", "healthcheck", "restart", "depends_on").contains(key)) {
                    refuse(t.getKeyNode(), "service " + compose + ": " + key + " has no counterpart in driftless.yaml");
                }
            }
        }
        Node image = keys.get("image");
        if (image == null) {
            refuse(entry.getKeyNode(), "service " + compose + ": has no image (the agent deploys images)");
            return;
        }
        String ref = scalar(image);
        String repo = ref.replaceFirst("[:@].*$", "");
        if (repo.equals("caddy") || repo.endsWith("/caddy")) {
            refuse(image, "service " + compose + ": the agent owns the host's Caddy and writes its whole config; drop this "
                    + "service and give the others routes instead");
            return;
        }
        out.append("  ").append(name).append(":\n");
        out.append("    image: ").append(quote(ref)).append('\n');
        Integer port = null;
        Node ports = keys.get("ports");
        if (ports instanceof SequenceNode list && !list.getValue().isEmpty()) {
            if (list.getValue().size() > 1) {
                refuse(list.getValue().get(1), "service " + compose + ": driftless.yaml routes one port per service; keep one");
            }
            String spec = scalar(list.getValue().get(0)).replaceFirst("/tcp$", "");
            String container = spec.substring(spec.lastIndexOf(':') + 1);
            if (container.matches("\\d{1,5}")) {
                port = Integer.parseInt(container);
            } else {
                refuse(list.getValue().get(0), "service " + compose + ": the port " + spec + " is not HOST:CONTAINER or CONTAINER");
            }
        }
        String healthPath = null;
        Node health = keys.get("healthcheck");
        if (health instanceof MappingNode h) {
            for (NodeTuple t : h.getValue()) {
                if (scalar(t.getKeyNode()).equals("test")) {
                    String test = t.getValueNode() instanceof SequenceNode s
                            ? String.join(" ", s.getValue().stream().map(ComposeTranslator::scalar).toList()) : scalar(t.getValueNode());
                    Matcher m = URL.matcher(test);
                    if (m.find() && (test.contains("curl") || test.contains("wget"))) {
                        healthPath = m.group(2) == null ? "/" : m.group(2);
                        if (port == null && m.group(1) != null) {
                            port = Integer.parseInt(m.group(1));
                        }
                    } else {
                        refuse(t.getValueNode(), "service " + compose + ": only a healthcheck that is a curl or wget of an "
                                + "http://localhost URL maps to health.path (the agent probes over HTTP)");
                    }
                }
            }
        }
        if (port != null) {
            out.append("    port: ").append(port).append('\n');
        }
        Node env = keys.get("environment");
        if (env != null) {
            if (Pattern.compile("(?i)password|secret|token").matcher(text(env)).find()) {
                out.append("    # edit: a secret here would be committed to the repository; prefer a file mounted from the host\n");
            }
            out.append("    env:\n");
            if (env instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getValueNode().getTag() == org.yaml.snakeyaml.nodes.Tag.NULL) {
                        refuse(t.getKeyNode(), "service " + compose + ": " + scalar(t.getKeyNode()) + " takes its value from the shell; write its value");
                        continue;
                    }
                    out.append("      ").append(quote(scalar(t.getKeyNode()))).append(": ").append(quote(scalar(t.getValueNode()))).append('\n');
                }
            } else if (env instanceof SequenceNode s) {
                for (Node item : s.getValue()) {
                    String pair = scalar(item);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        refuse(item, "service " + compose + ": " + pair + " takes its value from the shell; write KEY=value");
                    } else {
                        out.append("      ").append(quote(pair.substring(0, eq))).append(": ").append(quote(pair.substring(eq + 1))).append('\n');
                    }
                }
            }
        }
        Node command = keys.get("command");
        if (command instanceof SequenceNode s) {
            out.append("    command: [").append(String.join(", ", s.getValue().stream().map(n -> quote(scalar(n))).toList())).append("]\n");
        } else if (command != null) {
            String c = scalar(command);
            if (c.matches("[^'\"\\\\$]*")) {
                out.append("    command: [").append(String.join(", ", java.util.Arrays.stream(c.trim().split("\\s+")).map(ComposeTranslator::quote).toList())).append("]\n");
            } else {
                refuse(command, "service " + compose + ": a command string with quotes or $ is split differently by shells; write it as a list");
            }
        }
        Node volumes = keys.get("volumes");
        if (volumes instanceof SequenceNode s && !s.getValue().isEmpty()) {
            List<String> mounts = new ArrayList<>();
            boolean hostPath = false;
            for (Node item : s.getValue()) {
                String v = scalar(item);
                if (v.startsWith(".") || v.startsWith("~")) {
                    refuse(item, "service " + compose + ": " + v + " is a relative host path; driftless.yaml needs an absolute one (or a named volume)");
                    continue;
                }
                hostPath |= v.startsWith("/");
                mounts.add(quote(v));
            }
            if (hostPath) {
                out.append("    # a host folder: the agent's host policy refuses it unless its config has allow-volume-path\n");
            }
            out.append("    volumes: [").append(String.join(", ", mounts)).append("]\n");
        }
        if (port != null) {
            out.append("    health:\n");
            out.append("      path: ").append(quote(healthPath == null ? "/" : healthPath))
                    .append(healthPath == null ? "   # edit: the compose file had no HTTP healthcheck; this path must answer 2xx\n" : "\n");
            out.append("    routes:\n      - host: ").append(quote(name + ".example.com")).append("   # edit: your host name\n");
        } else {
            out.append("    rollout: {strategy: recreate}\n");
        }
        if (keys.containsKey("restart")) {
            out.append("    # restart: the agent puts a stopped container back on its next pass\n");
        }
        if (keys.containsKey("depends_on")) {
            out.append("    # depends_on: ignored; the agent starts services independently, so retry connections at start-up\n");
        }
        if (repo.equals("postgres") || repo.endsWith("/postgres")) {
            backups.append("# ").append(name).append(" is a PostgreSQL: a backup policy for it (uncomment and edit):\n")
                    .append("# backups:\n#   ").append(name).append(":\n")
                    .append("#     postgres: {container: ").append(name).append(", database: postgres, user: postgres}\n")
                    .append("#     schedule: \"0 3 * * *\"\n#     target: /var/backups/driftless\n")
                    .append("#     keep: {last: 3, daily: 7}\n#     verify: {restore: weekly}\n");
        }
    }

    private static String text(Node node) {
        if (node instanceof MappingNode m) {
            return String.join(" ", m.getValue().stream().map(t -> scalar(t.getKeyNode())).toList());
        }
        return node instanceof SequenceNode s ? String.join(" ", s.getValue().stream().map(ComposeTranslator::scalar).toList()) : scalar(node);
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : "";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
