package io.driftless.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the agent's HTTP endpoint answers: a status, a small body, and any extra headers. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Response text(int status, String text) {
        return text(status, text, Map.of());
    }

    static Response text(int status, String text, Map<String, String> headers) {
        return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    static Response prometheus(String text) {
        return new Response(200, "text/plain; version=0.0.4; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response json(int status, Object value) {
        try {
            return new Response(status, "application/json", (JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8),
                    Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always render", e);
        }
    }

    /** A page of the agent's own: inline style and script only, fetches only from the agent. */
    static Response html(String html) {
        return new Response(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of(
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'"));
    }

    static Response jsonText(String json) {
        return new Response(200, "application/json", (json + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response tooManyRequests(java.time.Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return text(429, "too many requests; try again in " + seconds + "s\n", Map.of("Retry-After", Long.toString(seconds)));
    }
}
