package io.driftless.source;

import static io.driftless.testing.Utf8.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.source.SourceException.Reason;
import io.driftless.testing.GitRemoteFixture;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

class GitSourceTest extends GitRemoteFixture {
    private static final String V1 = "version: 1\nservices: {web: {image: web:1}}\n";
    private static final String V2 = "version: 1\nservices: {web: {image: web:2}}\n";

    private GitSource source(String branch, String path) {
        return new GitSource(new SourceConfig(remote.url(), branch, path, cache, new Credentials.None()));
    }

    @Test
    void firstFetchClonesTheBranchAndReturnsItsFullTip() throws Exception {
        String first = remote.commit("web 1", Map.of("driftless.yaml", V1));
        try (GitSource source = source("main", ".")) {
            String tip = source.fetch();
            assertEquals(first, tip);
            assertEquals(40, tip.length());
            assertEquals(Optional.of(V1), text(source.readFile(tip, "driftless.yaml")));
        }
        try (Repository clone = new FileRepositoryBuilder().setGitDir(cache.toFile()).setMustExist(true).build()) {
            assertTrue(clone.isBare());
        }
    }

    @Test
    void laterFetchSeesNewCommitAndOldRevisionStaysReadable() throws Exception {
        String first = remote.commit("web 1", Map.of("driftless.yaml", V1));
        try (GitSource source = source("main", ".")) {
            assertEquals(first, source.fetch());
            String second = remote.commit("web 2", Map.of("driftless.yaml", V2));
            assertEquals(second, source.fetch());
            assertEquals(Optional.of(V1), text(source.readFile(first, "driftless.yaml")));
            assertEquals(Optional.of(V2), text(source.readFile(second, "driftless.yaml")));
            assertTrue(source.isAncestor(first, second));
            assertFalse(source.isAncestor(second, first));
            assertTrue(source.isAncestor(second, second));
            assertEquals(second, source.fetch(), "fetching again with nothing new keeps the tip");
        }
    }

    @Test
    void filesAreReadRelativeToTheConfiguredPath() throws Exception {
        String sha = remote.commit("two dirs", Map.of("deploy/driftless.yaml", V2, "driftless.yaml", V1));
        try (GitSource source = source("main", "./deploy/")) {
            source.fetch();
            assertEquals(Optional.of(V2), text(source.readFile(sha, "driftless.yaml")));
        }
    }

    @Test
    void missingFileIsEmptyAndDeletedFileIsGoneOnlyAfterTheDelete() throws Exception {
        String with = remote.commit("add", Map.of("driftless.yaml", V1, "extra.env", "A=1\n"));
        String without = remote.deleteFile("drop env", "extra.env");
        try (GitSource source = source("main", ".")) {
            source.fetch();
            assertEquals(Optional.empty(), text(source.readFile(with, "nope.yaml")));
            assertEquals(Optional.of("A=1\n"), text(source.readFile(with, "extra.env")));
            assertEquals(Optional.empty(), text(source.readFile(without, "extra.env")));
        }
    }

    @Test
    void aDirectoryWhereAFileIsExpectedIsAClearError() throws Exception {
        String sha = remote.commit("dir", Map.of("driftless.yaml/inner", V1));
        try (GitSource source = source("main", ".")) {
            source.fetch();
            SourceException e = assertThrows(SourceException.class, () -> text(source.readFile(sha, "driftless.yaml")));
            assertEquals(Reason.UNREADABLE_FILE, e.reason());
            assertTrue(e.getMessage().contains("directory"), e.getMessage());
        }
    }

    @Test
    void missingBranchIsAClearErrorNamingBranchAndUrl() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", V1));
        try (GitSource source = source("production", ".")) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.BRANCH_NOT_FOUND, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("'production'"), e.getMessage());
            assertTrue(e.getMessage().contains(remote.url()), e.getMessage());
            assertTrue(e.getMessage().contains("--branch"), e.getMessage());
            assertFalse(e.reason().isTransient());
        }
    }

    @Test
    void branchDeletedAfterCloneIsAClearError() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", V1));
        try (GitSource source = source("main", ".")) {
            source.fetch();
            try (var bare = org.eclipse.jgit.api.Git.open(remote.bareDir().toFile())) {
                var update = bare.getRepository().updateRef("refs/heads/main");
                update.setForceUpdate(true);
                update.delete();
            }
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.BRANCH_NOT_FOUND, e.reason(), e.getMessage());
        }
    }

    @Test
    void forcePushThatRewindsHistoryIsSeen() throws Exception {
        String first = remote.commit("web 1", Map.of("driftless.yaml", V1));
        String second = remote.commit("web 2", Map.of("driftless.yaml", V2));
        try (GitSource source = source("main", ".")) {
            assertEquals(second, source.fetch());
            Files.writeString(cache.resolve("sentinel"), "x");
            remote.forcePushReset(first);
            assertEquals(first, source.fetch());
            String diverged = remote.commit("web 3 on rewritten history", Map.of("driftless.yaml", "version: 1\n"));
            assertEquals(diverged, source.fetch());
            assertFalse(source.isAncestor(second, diverged), "the rewound commit is not behind the new tip");
            assertTrue(source.isAncestor(first, diverged));
            assertEquals(Optional.of(V2), text(source.readFile(second, "driftless.yaml")), "old commit still readable");
            assertTrue(Files.exists(cache.resolve("sentinel")), "seen by fetching, not by cloning again");
        }
    }

    @Test
    void revertRestoresTheParentsManifest() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", V1));
        String bad = remote.commit("web 2", Map.of("driftless.yaml", V2));
        String revert = remote.revert(bad);
        try (GitSource source = source("main", ".")) {
            assertEquals(revert, source.fetch());
            assertEquals(Optional.of(V1), text(source.readFile(revert, "driftless.yaml")));
            assertTrue(source.isAncestor(bad, revert));
            assertTrue(source.describe(revert).subject().startsWith("Revert"), source.describe(revert).subject());
        }
    }

    @Test
    void onlyTheConfiguredBranchIsCloned() throws Exception {
        String sha = remote.commit("web 1", Map.of("driftless.yaml", V1));
        remote.createBranch("experiment", sha);
        try (GitSource source = source("main", ".")) {
            source.fetch();
        }
        try (Repository clone = new FileRepositoryBuilder().setGitDir(cache.toFile()).setMustExist(true).build()) {
            assertEquals(null, clone.findRef("experiment"));
            assertNotEquals(null, clone.exactRef("refs/heads/main"));
        }
    }

    @Test
    void describeNamesAuthorTimeAndSubject() throws Exception {
        String sha = remote.commit("Bump web to 2\n\nLonger body here.", Map.of("driftless.yaml", V2));
        try (GitSource source = source("main", ".")) {
            source.fetch();
            CommitInfo info = source.describe(sha);
            assertEquals(sha, info.sha());
            assertEquals(sha.substring(0, 12), info.shortSha(), "the same 12 characters as every other message");
            assertEquals("Driftless Test <test@driftless.invalid>", info.author());
            assertEquals("Bump web to 2", info.subject());
            assertTrue(Math.abs(info.commitTime().getEpochSecond() - System.currentTimeMillis() / 1000) < 600);
        }
    }

    @Test
    void unknownCommitsAreNotAncestorsAndCannotBeRead() throws Exception {
        String sha = remote.commit("web 1", Map.of("driftless.yaml", V1));
        String unknown = "0123456789abcdef0123456789abcdef01234567";
        try (GitSource source = source("main", ".")) {
            assertFalse(source.isAncestor(sha, sha), "nothing is known before the first fetch");
            source.fetch();
            assertFalse(source.isAncestor(unknown, sha));
            assertFalse(source.isAncestor(sha, unknown));
            assertFalse(source.isAncestor("not-a-sha", sha));
            SourceException read = assertThrows(SourceException.class, () -> text(source.readFile(unknown, "driftless.yaml")));
            assertEquals(Reason.UNKNOWN_COMMIT, read.reason());
            assertEquals(Reason.UNKNOWN_COMMIT,
                    assertThrows(SourceException.class, () -> source.describe(unknown)).reason());
        }
    }

    @Test
    void nonexistentRepositoryIsAClearError() {
        SourceConfig config = new SourceConfig("file://" + tmp.resolve("nowhere.git"), "main", ".", cache, null);
        try (GitSource source = new GitSource(config)) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.REPOSITORY_NOT_FOUND, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("nowhere.git"), e.getMessage());
            assertFalse(Files.exists(cache), "no half-made clone is left behind");
        }
    }
}
