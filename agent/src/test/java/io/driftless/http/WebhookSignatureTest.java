package io.driftless.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HMAC-SHA256 webhook signatures, in both header styles. */
class WebhookSignatureTest {
    static final Secret SECRET = Secret.of("It's a Secret to Everybody");
    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void githubsDocumentedExampleVerifies() {
        // The test vector from GitHub's "Validating webhook deliveries" page.
        String github = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertEquals(github, WebhookSignature.sign(SECRET, BODY));
        assertEquals(Optional.empty(), WebhookSignature.problem(SECRET, BODY, github, null));
    }

    @Test
    void theGenericHeaderTakesTheSameFormat() {
        assertEquals(Optional.empty(), WebhookSignature.problem(SECRET, BODY, null, WebhookSignature.sign(SECRET, BODY)));
        assertEquals(Optional.empty(), WebhookSignature.problem(SECRET, BODY, null,
                WebhookSignature.sign(SECRET, BODY).toUpperCase().replace("SHA256=", "sha256=")), "hex digits in either case");
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRejected() {
        String other = WebhookSignature.sign(Secret.of("guess"), BODY);

        assertTrue(WebhookSignature.problem(SECRET, BODY, other, null).orElseThrow().contains("does not match"));
        assertTrue(WebhookSignature.problem(SECRET, BODY, null, other).orElseThrow().contains("X-Signature does not match"));
    }

    @Test
    void aChangedBodyIsRejected() {
        String signature = WebhookSignature.sign(SECRET, BODY);
        byte[] changed = "Hello, World?".getBytes(StandardCharsets.UTF_8);

        assertTrue(WebhookSignature.problem(SECRET, changed, signature, null).orElseThrow().contains("does not match"));
    }

    @Test
    void noSignatureHeaderIsRejected() {
        assertEquals(Optional.of("no X-Hub-Signature-256 or X-Signature header"), WebhookSignature.problem(SECRET, BODY, null, null));
    }

    @Test
    void malformedHeadersAreRejected() {
        String hex = WebhookSignature.sign(SECRET, BODY).substring("sha256=".length());
        for (String bad : new String[] {hex, "sha1=" + hex, "sha256=" + hex.substring(2), "sha256=" + hex + "00",
                "sha256=" + hex.substring(1) + "g", "", "sha256="}) {
            assertTrue(WebhookSignature.problem(SECRET, BODY, bad, null).orElseThrow().contains("is not 'sha256=<64 hex digits>'"), bad);
        }
    }

    @Test
    void whenBothHeadersAreSentBothMustMatch() {
        String good = WebhookSignature.sign(SECRET, BODY);
        String bad = WebhookSignature.sign(Secret.of("guess"), BODY);

        assertEquals(Optional.empty(), WebhookSignature.problem(SECRET, BODY, good, good));
        assertTrue(WebhookSignature.problem(SECRET, BODY, good, bad).isPresent());
        assertTrue(WebhookSignature.problem(SECRET, BODY, bad, good).isPresent());
    }
}
