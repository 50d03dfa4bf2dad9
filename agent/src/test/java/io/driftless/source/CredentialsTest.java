package io.driftless.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.source.SourceException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    @TempDir
    Path tmp;

    @Test
    void tokenFileIsReadWithoutItsTrailingNewline() throws Exception {
        Path file = Files.writeString(tmp.resolve("token"), "  ghp_secret123\n");
        Credentials.HttpsToken token = Credentials.HttpsToken.fromFile(null, file);
        assertArrayEquals("ghp_secret123".toCharArray(), token.token());
        assertEquals("git", token.username());
        assertEquals("x-access-token", Credentials.HttpsToken.fromFile("x-access-token", file).username());
        assertFalse(token.toString().contains("ghp_secret123"), token.toString());
    }

    @Test
    void missingTokenFileSaysWhichFileAndWhatToDo() {
        Path file = tmp.resolve("absent-token");
        SourceException e = assertThrows(SourceException.class, () -> Credentials.HttpsToken.fromFile(null, file));
        assertEquals(Reason.BAD_CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void emptyTokenFileIsRejected() throws Exception {
        Path file = Files.writeString(tmp.resolve("token"), "\n\n");
        SourceException e = assertThrows(SourceException.class, () -> Credentials.HttpsToken.fromFile(null, file));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void tokenFromEnvironmentVariable() throws Exception {
        Credentials.HttpsToken token = Credentials.HttpsToken.fromEnvironment(null, "GIT_TOKEN",
                Map.of("GIT_TOKEN", "abc123\n"));
        assertArrayEquals("abc123".toCharArray(), token.token());
        SourceException unset = assertThrows(SourceException.class,
                () -> Credentials.HttpsToken.fromEnvironment(null, "GIT_TOKEN", Map.of()));
        assertTrue(unset.getMessage().contains("GIT_TOKEN") && unset.getMessage().contains("not set"),
                unset.getMessage());
        SourceException blank = assertThrows(SourceException.class,
                () -> Credentials.HttpsToken.fromEnvironment(null, "GIT_TOKEN", Map.of("GIT_TOKEN", " ")));
        assertTrue(blank.getMessage().contains("empty"), blank.getMessage());
    }

    @Test
    void sshWithoutKnownHostsMustBeExplicitlyInsecure() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Credentials.SshKey(tmp.resolve("id_ed25519"), null));
        assertTrue(e.getMessage().contains("known_hosts") && e.getMessage().contains("ssh-keyscan"), e.getMessage());
        Credentials.SshKey insecure = new Credentials.SshKey(tmp.resolve("id_ed25519"), null, true);
        assertTrue(insecure.insecureSkipHostKeyCheck());
    }

    @Test
    void missingSshKeyFileIsAClearErrorBeforeAnyConnection() throws Exception {
        Path key = tmp.resolve("deploy_key");
        Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), "");
        // Port 1 on loopback: if the check did not come first, this would fail as unreachable instead.
        SourceConfig config = new SourceConfig("ssh://git@127.0.0.1:1/acme/deploy.git", "main", ".",
                tmp.resolve("cache"), new Credentials.SshKey(key, knownHosts));
        try (GitSource source = new GitSource(config)) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.BAD_CONFIGURATION, e.reason());
            assertTrue(e.getMessage().contains("SSH private key") && e.getMessage().contains(key.toString()),
                    e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("cache")));
    }

    @Test
    void missingKnownHostsFileIsAClearError() throws Exception {
        Path key = Files.writeString(tmp.resolve("deploy_key"), "not really a key");
        Path knownHosts = tmp.resolve("known_hosts");
        SourceConfig config = new SourceConfig("ssh://git@127.0.0.1:1/acme/deploy.git", "main", ".",
                tmp.resolve("cache"), new Credentials.SshKey(key, knownHosts));
        try (GitSource source = new GitSource(config)) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.BAD_CONFIGURATION, e.reason());
            assertTrue(e.getMessage().contains("known_hosts") && e.getMessage().contains("ssh-keyscan"),
                    e.getMessage());
        }
    }
}
