package io.driftless.desired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping read strictly: keys are plain scalars, none appears twice, and (when the level has a fixed
 * set of keys) none is unknown. Problems are reported once, here, so binders only ask for what they need.
 */
final class YamlMap {
    /** One key with its value, in the order the file gives them. */
    record Entry(String key, Node keyNode, Node value) {
    }

    private final Problems problems;
    private final String path;
    private final Node owner;
    private final Map<String, Entry> entries;

    private YamlMap(Problems problems, String path, Node owner, Map<String, Entry> entries) {
        this.problems = problems;
        this.path = path;
        this.owner = owner;
        this.entries = entries;
    }

    /**
     * @param path    dotted path of this mapping ("" for the top level)
     * @param owner   the key node that holds this mapping, where "x is required" errors point; null at the top
     * @param allowed the keys this level accepts, or null when any key is allowed (service names, env names)
     * @return null when the node is not a mapping (already reported); an empty value reads as an empty mapping
     */
    static YamlMap read(Problems problems, String path, Node owner, Node node, List<String> allowed) {
        if (!Values.tagAllowed(problems, path, node)) {
            return null;
        }
        if (Values.isEmpty(node)) {
            return new YamlMap(problems, path, owner, Map.of());
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.at(node, Values.label(path) + "expected a mapping (key: value lines), found " + Values.describe(node));
            return null;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || Values.isEmpty(keyNode)) {
                problems.at(keyNode, Values.label(path) + "every key must be a plain name, found "
                        + Values.describe(keyNode));
                continue;
            }
            String key = scalar.getValue();
            String keyPath = child(path, key);
            Entry first = entries.get(key);
            if (first != null) {
                problems.at(keyNode, keyPath + ": is set twice; the first one is on line "
                        + (first.keyNode().getStartMark().getLine() + 1) + ". Keep only one of them");
                continue;
            }
            if (Tag.MERGE.equals(keyNode.getTag()) || "<<".equals(key)) {
                problems.at(keyNode, Values.label(path) + "merge keys (<<) are not supported; write the keys out in full");
                continue;
            }
            if (!Values.tagAllowed(problems, keyPath, keyNode)) {
                continue;
            }
            if (allowed != null && !allowed.contains(key)) {
                String suggestion = Spelling.didYouMean(key, allowed);
                problems.at(keyNode, keyPath + ": unknown key" + (suggestion.isEmpty() ? "." : suggestion)
                        + " Allowed here: " + String.join(", ", allowed));
                continue;
            }
            entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
        }
        return new YamlMap(problems, path, owner, entries);
    }

    /** A key as it appears in a message path; a key with a line break or control character must not split it. */
    static String child(String path, String key) {
        String shown = Values.shown(key);
        return path.isEmpty() ? shown : path + "." + shown;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return child(path, key);
    }

    /** The value of {@code key}, or null when the key is absent. An explicit empty value is a present node. */
    Node get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    Node keyNode(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.keyNode();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value of a key that must be there; reports "{@code key} is required" at this mapping's owner. */
    Node require(String key, String example) {
        Node value = get(key);
        if (value == null) {
            problems.at(owner, Values.label(path) + key + " is required, for example " + example);
        }
        return value;
    }

    /** Where errors about this mapping as a whole point: the key that holds it, or the top of the file. */
    Node owner() {
        return owner;
    }

    Iterable<Entry> entries() {
        return entries.values();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }
}
