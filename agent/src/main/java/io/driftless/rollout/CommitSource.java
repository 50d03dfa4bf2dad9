package io.driftless.rollout;

import java.util.Optional;

/** The repository as the reconciler sees it: the branch tip, and the manifest at a commit. */
public interface CommitSource {

    /** Fetches and returns the full SHA of the configured branch's tip. */
    String fetchTip() throws RepositoryException;

    /**
     * The manifest's bytes at {@code commit} (decoded, with positions for any error, by the manifest parser), or
     * empty when the commit has no manifest file.
     */
    Optional<byte[]> manifestAt(String commit) throws RepositoryException;

    /**
     * The first line of {@code commit}'s message, for the rollout's history, or empty when it cannot be read. Never
     * fails: the subject is a nicety, not a reason to stop a rollout.
     */
    default Optional<String> subject(String commit) {
        return Optional.empty();
    }

    /** Where the manifest lives in the repository, for error positions, e.g. {@code deploy/driftless.yaml}. */
    String manifestPath();
}
