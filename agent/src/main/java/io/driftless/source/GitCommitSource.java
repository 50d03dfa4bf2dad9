package io.driftless.source;

import io.driftless.desired.ManifestFiles;
import io.driftless.rollout.CommitSource;
import io.driftless.rollout.RepositoryException;
import io.driftless.rollout.SourceGate;

import java.util.Optional;

/** The rollout's view of the repository ({@link CommitSource}, {@link SourceGate}) over the Git clone. */
public final class GitCommitSource implements CommitSource {
    private final GitSource git;
    private final String manifestPath;

    public GitCommitSource(GitSource git) {
        this.git = git;
        this.manifestPath = git.config().repositoryPath(ManifestFiles.MANIFEST_FILE);
    }

    @Override
    public String fetchTip() throws RepositoryException {
        try {
            return git.fetch();
        } catch (SourceException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<byte[]> manifestAt(String commit) throws RepositoryException {
        try {
            return git.readFile(commit, ManifestFiles.MANIFEST_FILE);
        } catch (SourceException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<String> subject(String commit) {
        try {
            return Optional.of(git.describe(commit).subject());
        } catch (SourceException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String manifestPath() {
        return manifestPath;
    }

    /** The source gate over {@code guard}: history moves forward and, when configured, every new commit is signed. */
    public static SourceGate gate(SourceGuard guard) {
        return (lastApplied, tip) -> {
            try {
                return guard.check(lastApplied, tip);
            } catch (SourceException e) {
                throw failure(e);
            }
        };
    }

    /** The same failure in the rollout's terms: whether to retry it, and whether it is the commit's fault. */
    static RepositoryException failure(SourceException e) {
        return new RepositoryException(e.getMessage(), e, e.reason().isTransient(),
                e.reason() == SourceException.Reason.UNREADABLE_FILE);
    }
}
