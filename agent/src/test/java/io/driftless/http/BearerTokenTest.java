package io.driftless.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconcile token, and where the endpoint's secrets come from. */
class BearerTokenTest {
    static final Secret TOKEN = Secret.of("s3cret-token");
    @TempDir
    Path dir;

    @Test
    void theRightTokenPasses() {
        assertEquals(Optional.empty(), BearerToken.problem(TOKEN, "Bearer s3cret-token"));
        assertEquals(Optional.empty(), BearerToken.problem(TOKEN, "bearer  s3cret-token "), "scheme is case-insensitive");
    }

    @Test
    void aWrongMissingOrMalformedTokenIsRejected() {
        assertEquals(Optional.of("no Authorization header"), BearerToken.problem(TOKEN, null));
        assertEquals(Optional.of("the bearer token does not match"), BearerToken.problem(TOKEN, "Bearer s3cret-tokeN"));
        assertEquals(Optional.of("the bearer token does not match"), BearerToken.problem(TOKEN, "Bearer s3cret-token2"));
        assertEquals(Optional.of("the bearer token does not match"), BearerToken.problem(TOKEN, "Bearer s3cret"));
        for (String malformed : new String[] {"s3cret-token", "Basic czNjcmV0LXRva2Vu", "Bearer", "Bearer ", "Bearer a b"}) {
            assertEquals(Optional.of("the Authorization header is not 'Bearer <token>'"), BearerToken.problem(TOKEN, malformed), malformed);
        }
    }

    @Test
    void aSecretFileIsReadWithoutItsTrailingNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "s3cret-token\n");

        Secret read = Secret.load("--reconcile-token-file", file, "DRIFTLESS_RECONCILE_TOKEN", Map.of()).orElseThrow();

        assertEquals(Optional.empty(), BearerToken.problem(read, "Bearer s3cret-token"));
        assertFalse(read.toString().contains("s3cret"), "never printed");
    }

    @Test
    void theFileWinsOverTheEnvironmentAndNeitherMeansOff() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-file");
        Map<String, String> env = Map.of("DRIFTLESS_RECONCILE_TOKEN", "from-env");

        Secret fromFile = Secret.load("--reconcile-token-file", file, "DRIFTLESS_RECONCILE_TOKEN", env).orElseThrow();
        Secret fromEnv = Secret.load("--reconcile-token-file", null, "DRIFTLESS_RECONCILE_TOKEN", env).orElseThrow();

        assertEquals(Optional.empty(), BearerToken.problem(fromFile, "Bearer from-file"));
        assertEquals(Optional.empty(), BearerToken.problem(fromEnv, "Bearer from-env"));
        assertEquals(Optional.empty(), Secret.load("--reconcile-token-file", null, "DRIFTLESS_RECONCILE_TOKEN", Map.of()));
    }

    @Test
    void aMissingOrEmptySecretFileIsAClearError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Secret.load("--webhook-secret-file", dir.resolve("nope"), "X", Map.of()));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> Secret.load("--webhook-secret-file", empty, "X", Map.of()));

        assertTrue(missing.getMessage().contains("--webhook-secret-file " + dir.resolve("nope") + " does not exist"), missing.getMessage());
        assertTrue(blank.getMessage().contains("is empty"), blank.getMessage());
    }
}
