package io.driftless.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceConfigTest {
    private static final Path CACHE = Path.of("/var/lib/driftless/source");

    private static SourceConfig config(String url, String branch, String path) {
        return new SourceConfig(url, branch, path, CACHE, null);
    }

    @Test
    void defaultsAreNoCredentialsAndThirtySeconds() {
        SourceConfig config = config("https://git.example.com/acme/deploy.git", "main", ".");
        assertEquals(new Credentials.None(), config.credentials());
        assertEquals(Duration.ofSeconds(30), config.timeout());
        assertEquals("refs/heads/main", config.branchRef());
    }

    @Test
    void branchMayBeGivenAsAFullRef() {
        assertEquals("release/1.x", config("file:///r.git", "refs/heads/release/1.x", ".").branch());
    }

    @Test
    void invalidBranchNamesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("file:///r.git", "bad..name", "."));
        assertTrue(e.getMessage().contains("--branch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config("file:///r.git", " ", "."));
    }

    @Test
    void emptyUrlSaysWhichFlagToSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(" ", "main", "."));
        assertTrue(e.getMessage().contains("--repo"), e.getMessage());
    }

    @Test
    void pathIsNormalizedAndMustStayInsideTheRepository() {
        assertEquals("", config("file:///r.git", "main", ".").path());
        assertEquals("", config("file:///r.git", "main", null).path());
        assertEquals("deploy/prod", config("file:///r.git", "main", "./deploy//prod/").path());
        assertEquals("deploy/prod/driftless.yaml",
                config("file:///r.git", "main", "deploy/prod").repositoryPath("driftless.yaml"));
        assertEquals("driftless.yaml", config("file:///r.git", "main", ".").repositoryPath("./driftless.yaml"));
        assertThrows(IllegalArgumentException.class, () -> config("file:///r.git", "main", "/etc"));
        assertThrows(IllegalArgumentException.class, () -> config("file:///r.git", "main", "deploy/../.."));
        assertThrows(IllegalArgumentException.class,
                () -> config("file:///r.git", "main", ".").repositoryPath("../secrets"));
    }

    @Test
    void timeoutUnderOneSecondIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SourceConfig("file:///r.git", "main", ".", CACHE, null, Duration.ofMillis(10)));
        assertEquals("the Git timeout must be at least 1s, got 10ms", e.getMessage());
    }

    @Test
    void displayUrlAndToStringCarryNoSecrets() {
        SourceConfig config = config("https://bot:hunter2@git.example.com/acme/deploy.git", "main", ".");
        assertEquals("https://git.example.com/acme/deploy.git", config.displayUrl());
        assertFalse(config.toString().contains("hunter2"), config.toString());
        SourceConfig tokenAsUser = config("https://ghp_abcdef@github.com/acme/deploy.git", "main", ".");
        assertEquals("https://github.com/acme/deploy.git", tokenAsUser.displayUrl());
    }

    @Test
    void sshUserNamesStayInDisplayUrlsButPasswordsGo() {
        assertEquals("git@github.com:acme/deploy.git", RemoteUrl.redact("git@github.com:acme/deploy.git"));
        assertEquals("ssh://git@host.example:2222/acme/deploy.git",
                RemoteUrl.redact("ssh://git@host.example:2222/acme/deploy.git"));
        assertFalse(RemoteUrl.redact("ssh://git:pw@host.example/acme/deploy.git").contains("pw"));
        assertEquals("file:///srv/git/deploy.git", RemoteUrl.redact("file:///srv/git/deploy.git"));
        assertFalse(RemoteUrl.carriesUserInfo("file:///srv/git/deploy.git"));
        assertTrue(RemoteUrl.carriesUserInfo("https://tok@github.com/a/b.git"));
    }
}
