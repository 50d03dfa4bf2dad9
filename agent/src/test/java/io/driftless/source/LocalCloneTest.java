package io.driftless.source;

import static io.driftless.testing.Utf8.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.source.SourceException.Reason;
import io.driftless.testing.GitRemote;
import io.driftless.testing.GitRemoteFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The clone in the state dir across restarts, damage and reconfiguration. */
class LocalCloneTest extends GitRemoteFixture {
    private static final String SENTINEL = "sentinel-proves-no-reclone";

    private GitSource source(String url) {
        return new GitSource(new SourceConfig(url, "main", ".", cache, new Credentials.None()));
    }

    @Test
    void cacheSurvivesARestartAndTheNextFetchIsIncremental() throws Exception {
        String first = remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        try (GitSource source = source(remote.url())) {
            source.fetch();
        }
        Files.writeString(cache.resolve(SENTINEL), "x");
        String second = remote.commit("web 2", Map.of("driftless.yaml", "b\n"));
        try (GitSource restarted = source(remote.url())) {
            assertEquals(Optional.of("a\n"), text(restarted.readFile(first, "driftless.yaml")),
                    "the last fetched state is readable before any network call");
            assertEquals(second, restarted.fetch());
            assertEquals(Optional.of("b\n"), text(restarted.readFile(second, "driftless.yaml")));
        }
        assertTrue(Files.exists(cache.resolve(SENTINEL)), "the clone was reused, not made again");
    }

    @Test
    void garbledConfigAndHeadAreRecoveredByCloningAgain() throws Exception {
        String tip = remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        try (GitSource source = source(remote.url())) {
            source.fetch();
        }
        Files.writeString(cache.resolve("config"), "[[[ not a git config");
        Files.writeString(cache.resolve("HEAD"), "garbage");
        try (GitSource source = source(remote.url())) {
            assertEquals(tip, source.fetch());
            assertEquals(Optional.of("a\n"), text(source.readFile(tip, "driftless.yaml")));
        }
    }

    @Test
    void lostObjectsAreRecoveredByCloningAgain() throws Exception {
        String tip = remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        try (GitSource source = source(remote.url())) {
            source.fetch();
        }
        deleteAllFilesUnder(cache.resolve("objects"));
        try (GitSource source = source(remote.url())) {
            assertEquals(tip, source.fetch());
            assertEquals(Optional.of("a\n"), text(source.readFile(tip, "driftless.yaml")));
        }
    }

    @Test
    void branchPointingAtAMissingObjectWhileRunningIsRecoveredOnTheNextFetch() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        try (GitSource source = source(remote.url())) {
            source.fetch();
            Files.writeString(cache.resolve(SENTINEL), "x");
            Files.createDirectories(cache.resolve("refs/heads"));
            Files.writeString(cache.resolve("refs/heads/main"), "0123456789abcdef0123456789abcdef01234567\n");
            String next = remote.commit("web 2", Map.of("driftless.yaml", "b\n"));
            assertEquals(next, source.fetch());
            assertEquals(Optional.of("b\n"), text(source.readFile(next, "driftless.yaml")));
        }
        assertFalse(Files.exists(cache.resolve(SENTINEL)), "the damaged clone was replaced");
    }

    @Test
    void cacheOfAnotherRepositoryIsReplaced() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        try (GitSource source = source(remote.url())) {
            source.fetch();
        }
        try (GitRemote other = GitRemote.create(tmp.resolve("other"))) {
            String otherTip = other.commit("other 1", Map.of("driftless.yaml", "other\n"));
            try (GitSource source = source(other.url())) {
                assertEquals(otherTip, source.fetch());
                assertEquals(Optional.of("other\n"), text(source.readFile(otherTip, "driftless.yaml")));
            }
        }
    }

    @Test
    void foreignDirectoryIsNeverDeleted() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("precious.txt"), "keep me");
        try (GitSource source = source(remote.url())) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.LOCAL_CACHE, e.reason());
            assertTrue(e.getMessage().contains(cache.toString()) && e.getMessage().contains("not a clone made by"),
                    e.getMessage());
        }
        assertEquals("keep me", Files.readString(cache.resolve("precious.txt")));
    }

    @Test
    void leftoverPartialCloneFromAKilledAgentIsReplaced() throws Exception {
        String tip = remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        Path partial = cache.resolveSibling("source.partial");
        Files.createDirectories(partial.resolve("objects"));
        Files.writeString(partial.resolve("HEAD"), "half");
        try (GitSource source = source(remote.url())) {
            assertEquals(tip, source.fetch());
        }
        assertFalse(Files.exists(partial));
    }

    private static void deleteAllFilesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
    }
}
