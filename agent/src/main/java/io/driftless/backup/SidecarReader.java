package io.driftless.backup;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back what {@link Sidecar#json()} wrote, so a drill can check a dump found on disk against its sidecar. The
 * core has no JSON library: this reads the JSON that file holds (objects, arrays, strings, whole numbers) and refuses
 * anything else with a sentence.
 */
public final class SidecarReader {
    private final String text;
    private int at;

    private SidecarReader(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming what is wrong, when the text is not a sidecar */
    public static Sidecar parse(String json) {
        SidecarReader reader = new SidecarReader(json);
        Object value = reader.value();
        reader.blank();
        if (reader.at != json.length()) {
            throw reader.wrong("more after the sidecar's object");
        }
        if (!(value instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("a sidecar is one JSON object");
        }
        try {
            List<PgServer.TableEstimate> tables = new ArrayList<>();
            for (Object table : (List<?>) need(fields, "tables")) {
                Map<?, ?> t = (Map<?, ?>) table;
                tables.add(new PgServer.TableEstimate((String) need(t, "schema"), (String) need(t, "name"), (Long) need(t, "rows")));
            }
            return new Sidecar((String) need(fields, "name"), (String) need(fields, "file"),
                    Instant.parse((String) need(fields, "at")), (Long) need(fields, "size"), (String) need(fields, "sha256"),
                    (String) need(fields, "serverVersion"), (String) need(fields, "clientVersion"),
                    Duration.ofMillis((Long) need(fields, "durationMillis")), tables, (String) need(fields, "policyCommit"));
        } catch (ClassCastException | DateTimeParseException e) {
            throw new IllegalArgumentException("a sidecar field has the wrong type: " + e.getMessage());
        }
    }

    private static Object need(Map<?, ?> fields, String key) {
        Object value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the sidecar has no \"" + key + "\"");
        }
        return value;
    }

    private Object value() {
        blank();
        char c = peek();
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = at++;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw wrong("a number that is not a whole number of 64 bits");
            }
        }
        throw wrong("a value that is not an object, array, string or whole number");
    }

    private Map<String, Object> object() {
        Map<String, Object> fields = new LinkedHashMap<>();
        at++;
        blank();
        if (peek() == '}') {
            at++;
            return fields;
        }
        while (true) {
            blank();
            if (peek() != '"') {
                throw wrong("a key that is not a string");
            }
            String key = string();
            expect(':');
            fields.put(key, value());
            blank();
            if (peek() == '}') {
                at++;
                return fields;
            }
            expect(',');
        }
    }

    private List<Object> array() {
        List<Object> items = new ArrayList<>();
        at++;
        blank();
        if (peek() == ']') {
            at++;
            return items;
        }
        while (true) {
            items.add(value());
            blank();
            if (peek() == ']') {
                at++;
                return items;
            }
            expect(',');
        }
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        at++;
        while (true) {
            char c = peek();
            at++;
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = peek();
            at++;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw wrong("a \\u escape cut short");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException x) {
                        throw wrong("a \\u escape that is not hexadecimal");
                    }
                    at += 4;
                }
                default -> throw wrong("an unknown escape \\" + e);
            }
        }
    }

    private void expect(char c) {
        blank();
        if (peek() != c) {
            throw wrong("'" + peek() + "' where '" + c + "' belongs");
        }
        at++;
    }

    private void blank() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw wrong("the end of the text");
        }
        return text.charAt(at);
    }

    private IllegalArgumentException wrong(String what) {
        return new IllegalArgumentException("the sidecar is not the JSON a backup writes: " + what + " at character " + at);
    }
}
