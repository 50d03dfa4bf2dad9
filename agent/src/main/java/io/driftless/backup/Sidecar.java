package io.driftless.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the JSON sidecar beside a dump says about it; drills compare the restored tables with {@code tables}.
 *
 * @param file          the dump's file name (not its path: the folder may be copied elsewhere)
 * @param at            the backup's time, as in its name
 * @param policyCommit  the manifest commit whose policy made it
 */
public record Sidecar(String name, String file, Instant at, long size, String sha256, String serverVersion,
                      String clientVersion, Duration duration, List<PgServer.TableEstimate> tables, String policyCommit) {
    public Sidecar {
        Objects.requireNonNull(policyCommit, "policyCommit");
        tables = List.copyOf(tables);
    }

    /** One JSON object, keys in a fixed order, ending in a newline. */
    public String json() {
        StringBuilder out = new StringBuilder("{\n");
        field(out, "name", quote(name));
        field(out, "file", quote(file));
        field(out, "at", quote(at.toString()));
        field(out, "size", Long.toString(size));
        field(out, "sha256", quote(sha256));
        field(out, "serverVersion", quote(serverVersion));
        field(out, "clientVersion", quote(clientVersion));
        field(out, "durationMillis", Long.toString(duration.toMillis()));
        field(out, "policyCommit", quote(policyCommit));
        out.append("  \"tables\": [");
        for (int i = 0; i < tables.size(); i++) {
            PgServer.TableEstimate t = tables.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"schema\": ").append(quote(t.schema()))
                    .append(", \"name\": ").append(quote(t.name())).append(", \"rows\": ").append(t.rows()).append('}');
        }
        return out.append(tables.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static void field(StringBuilder out, String key, String value) {
        out.append("  ").append(quote(key)).append(": ").append(value).append(",\n");
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
