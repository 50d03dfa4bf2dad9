package io.driftless.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The boolean query parameters of {@code POST /reconcile}: each {@code true} or {@code false}, nothing else. */
final class Query {
    private Query() {
    }

    /** Every name in {@code allowed}, "false" when absent; an unknown name or another value is an error. */
    static Map<String, String> parse(String rawQuery, String... allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : allowed) {
            out.put(name, "false");
        }
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "true";
            if (!List.of(allowed).contains(name)) {
                throw new IllegalArgumentException("unknown query parameter '" + name + "'; known: " + String.join(", ", allowed));
            }
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("query parameter " + name + " must be true or false");
            }
            out.put(name, value);
        }
        return out;
    }
}
