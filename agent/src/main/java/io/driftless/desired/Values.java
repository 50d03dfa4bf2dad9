package io.driftless.desired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of single YAML nodes. Each returns null after reporting what was expected and what was found, so
 * a binder can go on and collect the next error.
 */
final class Values {
    /** Tags a plain YAML file resolves to by itself; anything else was written as an explicit tag. */
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]+");
    private static final int MAX_SHOWN = 60;

    private Values() {
    }

    static String label(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    /** An absent value: {@code key:} with nothing after it, {@code ~} or {@code null}. */
    static boolean isEmpty(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** Explicit tags (!!binary, !foo, !!python/object) would smuggle types into a manifest: refuse them. */
    static boolean tagAllowed(Problems problems, String path, Node node) {
        if (PLAIN_TAGS.contains(node.getTag())) {
            return true;
        }
        String tag = node.getTag().getValue();
        String written = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        problems.at(node, label(path) + "the YAML tag " + shown(written)
                + " is not allowed in a manifest; remove it and write a plain value");
        return false;
    }

    /** Any scalar as the text the file wrote ({@code on} stays "on", {@code 0800} stays "0800"). */
    static String text(Problems problems, String path, Node node) {
        if (!tagAllowed(problems, path, node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || isEmpty(node)) {
            problems.at(node, label(path) + "expected text, found " + describe(node));
            return null;
        }
        if (scalar.getValue().indexOf('\0') >= 0) {
            problems.at(node, label(path) + "contains a NUL character (\\0), which no program can receive; remove it");
            return null;
        }
        return scalar.getValue();
    }

    static Integer wholeNumber(Problems problems, String path, Node node, int min, int max) {
        if (!tagAllowed(problems, path, node)) {
            return null;
        }
        String range = "a whole number from " + min + " to " + max;
        if (!(node instanceof ScalarNode scalar) || !Tag.INT.equals(node.getTag())) {
            String hint = node instanceof ScalarNode s && Tag.STR.equals(node.getTag()) && DIGITS.matcher(s.getValue()).matches()
                    ? " (remove the quotes)" : "";
            problems.at(node, label(path) + "expected " + range + ", found " + describe(node) + hint);
            return null;
        }
        String digits = scalar.getValue();
        if (!DIGITS.matcher(digits).matches()) {
            problems.at(node, label(path) + "expected " + range + " written in decimal, found " + shown(digits));
            return null;
        }
        if (!WHOLE_NUMBER.matcher(digits).matches() || Long.parseLong(digits) < min || Long.parseLong(digits) > max) {
            problems.at(node, label(path) + digits + " is out of range; use " + range);
            return null;
        }
        return (int) Long.parseLong(digits);
    }

    static Boolean bool(Problems problems, String path, Node node) {
        if (!tagAllowed(problems, path, node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || !Tag.BOOL.equals(node.getTag())) {
            problems.at(node, label(path) + "expected true or false, found " + describe(node));
            return null;
        }
        return Set.of("true", "yes", "on").contains(scalar.getValue().toLowerCase(java.util.Locale.ROOT));
    }

    /** A Go-style duration; {@code positive} also refuses 0s (an interval or a timeout of nothing). */
    static Duration duration(Problems problems, String path, Node node, boolean positive) {
        if (!tagAllowed(problems, path, node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || isEmpty(node)
                || !(Tag.STR.equals(node.getTag()) || Tag.INT.equals(node.getTag()) || Tag.FLOAT.equals(node.getTag()))) {
            problems.at(node, label(path) + "expected a duration, found " + describe(node) + "; " + Durations.EXAMPLE);
            return null;
        }
        try {
            Duration duration = Durations.parse(scalar.getValue());
            if (positive && duration.isZero()) {
                problems.at(node, label(path) + "must be longer than 0s; " + Durations.EXAMPLE);
                return null;
            }
            return duration;
        } catch (IllegalArgumentException e) {
            problems.at(node, label(path) + e.getMessage());
            return null;
        }
    }

    /** The items of a list; an empty value reads as an empty list. */
    static List<Node> list(Problems problems, String path, Node node, String example) {
        if (!tagAllowed(problems, path, node)) {
            return null;
        }
        if (isEmpty(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            problems.at(node, label(path) + "expected a list, for example " + example + ", found " + describe(node));
            return null;
        }
        return sequence.getValue();
    }

    /** One of a fixed set of words (tls: auto, strategy: recreate, ...). */
    static <E> E choice(Problems problems, String path, Node node, Map<String, E> choices) {
        if (!tagAllowed(problems, path, node)) {
            return null;
        }
        String word = node instanceof ScalarNode s && !isEmpty(node) ? s.getValue() : null;
        if (word != null && choices.containsKey(word)) {
            return choices.get(word);
        }
        problems.at(node, label(path) + (word == null ? "expected one of " : quoted(word) + " is not one of ")
                + String.join(", ", choices.keySet()) + (word == null ? ", found " + describe(node) : "")
                + Spelling.didYouMean(word == null ? "" : word, List.copyOf(choices.keySet())));
        return null;
    }

    /** What the user wrote, in words: "the text \"abc\"", "a list", "nothing". */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping (key: value lines)";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (!(node instanceof ScalarNode scalar)) {
            return "nothing";
        }
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return "an empty value";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + shown(scalar.getValue());
        }
        if (Tag.BOOL.equals(tag)) {
            return "the true/false value " + scalar.getValue();
        }
        return "the text " + quoted(scalar.getValue());
    }

    /** A value as it can be safely shown in a one-line message: control characters escaped, long ones cut. */
    static String shown(String value) {
        return shown(value, MAX_SHOWN);
    }

    static String shown(String value, int max) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(max).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > max ? out + "..." : out.toString();
    }

    static String quoted(String value) {
        return "\"" + shown(value) + "\"";
    }
}
