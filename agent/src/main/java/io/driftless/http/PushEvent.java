package io.driftless.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * The one thing the agent reads from a (verified) push notification: which ref was pushed, so a push to another
 * branch does not cost a fetch. GitHub, Gitea and GitLab all send {@code "ref": "refs/heads/<branch>"}. Never a
 * source of desired state: the pass fetches the branch itself.
 */
final class PushEvent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PushEvent() {
    }

    /** The pushed ref, when the body is JSON with a {@code refs/...} string field {@code ref}. */
    static Optional<String> ref(byte[] body) {
        try {
            JsonNode ref = JSON.readTree(body).path("ref");
            return ref.isTextual() && ref.asText().startsWith("refs/") ? Optional.of(ref.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Not JSON (a form-encoded payload, a plain ping from a script): no filter, just fetch.
            return Optional.empty();
        }
    }
}
