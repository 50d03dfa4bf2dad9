package io.driftless.health;

/** What one probe saw. */
public sealed interface ProbeResult {

    /** A one-line description for logs and failure reasons. */
    String describe();

    default boolean healthy() {
        return this instanceof Healthy;
    }

    /** A 2xx answer. */
    record Healthy(int status) implements ProbeResult {
        public String describe() {
            return "HTTP " + status;
        }
    }

    /** An answer that is not 2xx; {@code body} is its first bytes, for the reason. */
    record Unhealthy(int status, String body) implements ProbeResult {
        public String describe() {
            return "HTTP " + status + (body == null || body.isBlank() ? "" : " \"" + body.strip() + "\"");
        }
    }

    /** No answer: refused, reset, timed out. */
    record Unreachable(String error) implements ProbeResult {
        public String describe() {
            return error;
        }
    }
}
