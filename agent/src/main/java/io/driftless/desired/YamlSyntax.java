package io.driftless.desired;

import java.util.Locale;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** SnakeYAML's errors, said so an operator knows what to fix. */
final class YamlSyntax {
    private YamlSyntax() {
    }

    static String explain(YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            String problem = marked.getProblem() == null ? "" : marked.getProblem().strip();
            String context = marked.getContext() == null ? "" : marked.getContext().strip();
            if (problem.startsWith("Global tag is not allowed")) {
                return "a YAML tag that names a program type is not allowed in a manifest; remove it";
            }
            if (problem.contains("\\t(TAB)")) {
                return "a tab character here; YAML indents with spaces only";
            }
            StringBuilder out = new StringBuilder(Values.shown(problem, 200));
            if (!context.isEmpty() && marked.getContextMark() != null) {
                out.append(" (").append(Values.shown(context, 200)).append(" on line ")
                        .append(marked.getContextMark().getLine() + 1).append(')');
            }
            return out + hint(problem + " " + context);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("alias")) {
            return "it uses anchors and aliases (*name) more than " + ManifestParser.MAX_ALIASES
                    + " times; write the values out";
        }
        if (lower.contains("depth") || lower.contains("nesting")) {
            return "it nests more than " + ManifestParser.MAX_NESTING + " levels deep";
        }
        if (lower.contains("code points") || lower.contains("exceeds the limit")) {
            return "it is longer than " + ManifestParser.MAX_CHARACTERS + " characters";
        }
        return Values.shown(message, 200);
    }

    private static String hint(String problem) {
        String lower = problem.toLowerCase(Locale.ROOT);
        if (lower.contains("<block end>") || lower.contains("<document start>")) {
            return "; check the indentation: the keys of one mapping must start in the same column";
        }
        if (lower.contains("could not find expected ':'")) {
            return "; every key needs a colon and a space after it (key: value)";
        }
        if (lower.contains("undefined alias")) {
            return "; an alias (*name) must come after its anchor (&name)";
        }
        if (lower.contains("cannot start any token")) {
            return "; put quotes around a value that starts with this character";
        }
        if (lower.contains("mapping values are not allowed")) {
            return "; check the indentation, and quote values that contain \": \"";
        }
        if (lower.contains("expected a single document")) {
            return "; a manifest is one document, so remove the extra ---";
        }
        return "";
    }

    /** 1-based line and column of the code point at {@code index}, as SnakeYAML's reader counts it. */
    static int[] lineAndColumn(String text, int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < index; seen++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
