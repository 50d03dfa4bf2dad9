package io.driftless.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small strict parser of the Prometheus text exposition format 0.0.4 (HELP and TYPE lines, label escaping,
 * values), for tests that assert on scraped samples rather than on strings. Anything malformed throws.
 */
public record PrometheusText(Map<String, String> types, List<Sample> samples) {
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " '" + line + "'";
            if (line.isEmpty()) {
                if (i != lines.length - 1) {
                    throw new IllegalArgumentException(where + ": empty line");
                }
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    if (parts.length != 4 || !TYPES.contains(parts[3]) || !validName(parts[2])) {
                        throw new IllegalArgumentException(where + ": bad TYPE line");
                    }
                    if (types.put(parts[2], parts[3]) != null) {
                        throw new IllegalArgumentException(where + ": second TYPE for " + parts[2]);
                    }
                } else if (parts.length >= 3 && parts[1].equals("HELP") && !validName(parts[2])) {
                    throw new IllegalArgumentException(where + ": bad HELP line");
                }
                continue;
            }
            samples.add(sample(line, where));
        }
        return new PrometheusText(types, List.copyOf(samples));
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!validName(name)) {
            throw new IllegalArgumentException(where + ": bad metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException(where + ": label without '='");
                }
                String label = line.substring(i, eq);
                if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*") || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException(where + ": bad label " + label);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(switch (next) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException(where + ": bad escape \\" + next);
                        });
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException(where + ": label " + label + " twice");
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw new IllegalArgumentException(where + ": expected ',' or '}'");
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException(where + ": no value");
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length > 2) {
            throw new IllegalArgumentException(where + ": trailing text");
        }
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(name, Map.copyOf(labels), value(rest[0], where));
    }

    private static double value(String s, String where) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": bad value " + s);
                }
            }
        };
    }

    private static boolean validName(String name) {
        return name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
    }

    /** The one sample of {@code name} with exactly these labels, if there is one. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).toList();
        if (found.size() > 1) {
            throw new IllegalStateException(found.size() + " samples of " + name + labels);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    /** The distinct metric names of the samples, with suffixes (_total, _bucket, _count, _sum) as exposed. */
    public Set<String> names() {
        return samples.stream().map(Sample::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}
