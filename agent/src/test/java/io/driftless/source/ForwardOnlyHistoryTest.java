package io.driftless.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.rollout.SourceGate.Refusal;
import io.driftless.testing.GitRemoteFixture;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The branch may only move forward from the last applied commit, unless the agent's own config says otherwise. */
class ForwardOnlyHistoryTest extends GitRemoteFixture {
    GitSource git;
    String first;
    String applied;

    @BeforeEach
    void setUp() throws Exception {
        first = remote.commit("web 1", Map.of("driftless.yaml", "version: 1\n# 1\n"));
        applied = remote.commit("web 2", Map.of("driftless.yaml", "version: 1\n# 2\n"));
        git = new GitSource(new SourceConfig(remote.url(), "main", ".", cache, new Credentials.None()));
        git.fetch();
    }

    @AfterEach
    void tearDown() {
        git.close();
    }

    @Test
    void newCommitOnTopPasses() throws Exception {
        String tip = remote.commit("web 3", Map.of("driftless.yaml", "version: 1\n# 3\n"));

        assertEquals(Optional.empty(), new SourceGuard(git, false, null, null).check(applied, git.fetch()));
        assertEquals(tip, git.fetch());
        assertEquals(Optional.empty(), new SourceGuard(git, false, null, null).check(applied, applied), "no change");
        assertEquals(Optional.empty(), new SourceGuard(git, false, null, null).check(null, tip), "first apply");
    }

    @Test
    void forcePushThatRewindsHistoryIsRefusedNamingBothCommits() throws Exception {
        remote.forcePushReset(first);
        String tip = git.fetch();
        assertEquals(first, tip);

        Refusal refusal = new SourceGuard(git, false, null, null).check(applied, tip).orElseThrow();

        assertEquals("NonFastForward", refusal.reason().code());
        assertEquals(first, refusal.commit());
        assertTrue(refusal.message().startsWith("commit " + first.substring(0, 12) + " (\"web 1\") does not descend"
                + " from the last applied commit " + applied.substring(0, 12) + " (\"web 2\")"), refusal.message());
        assertTrue(refusal.message().contains("--allow-non-fast-forward"), refusal.message());
        assertTrue(refusal.message().contains("git push --force origin " + applied + ":main"), refusal.message());
    }

    @Test
    void rewrittenHistoryWithNewCommitsIsRefused() throws Exception {
        remote.forcePushReset(first);
        String rewritten = remote.commit("web 2, amended", Map.of("driftless.yaml", "version: 1\n# 2b\n"));

        Optional<Refusal> refusal = new SourceGuard(git, false, null, null).check(applied, git.fetch());

        assertEquals(rewritten, refusal.orElseThrow().commit());
        assertEquals("NonFastForward", refusal.get().reason().code());
    }

    @Test
    void rewindIsFollowedWhenTheAgentsConfigAllowsIt() throws Exception {
        remote.forcePushReset(first);

        assertEquals(Optional.empty(), new SourceGuard(git, true, null, null).check(applied, git.fetch()));
    }

    @Test
    void trustFromWithoutSignatureChecksIsRejectedAtStartUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SourceGuard(git, false, null, first));

        assertTrue(e.getMessage().contains("--trusted-gpg-keys or --allowed-signers"), e.getMessage());
    }
}
