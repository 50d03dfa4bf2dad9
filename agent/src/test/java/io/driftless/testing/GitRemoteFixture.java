package io.driftless.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gives each test of the Git source a remote of its own on disk ({@link #remote}, branch {@code main}) and the place
 * the agent's clone goes ({@link #cache}), both in the test's temp dir ({@link #tmp}); closes the remote after it.
 */
public abstract class GitRemoteFixture {
    @TempDir
    protected Path tmp;
    protected GitRemote remote;
    protected Path cache;

    @BeforeEach
    protected final void createRemote() {
        remote = GitRemote.create(tmp.resolve("origin"));
        cache = tmp.resolve("state/source");
    }

    @AfterEach
    protected final void closeRemote() {
        remote.close();
    }
}
