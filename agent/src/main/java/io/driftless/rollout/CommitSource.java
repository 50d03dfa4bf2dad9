package io.driftless.rollout;

import io.driftless.source.SourceException;

import java.util.Optional;

/** The repository as the reconciler sees it: the branch tip, and the manifest at a commit. */
public interface CommitSource {

    /** Fetches and returns the full SHA of the configured branch's tip. */
    String fetchTip() throws SourceException;

    /** The manifest's text at {@code commit}, or empty when the commit has no manifest file. */
    Optional<String> manifestAt(String commit) throws SourceException;

    /** Where the manifest lives in the repository, for error positions, e.g. {@code deploy/driftless.yaml}. */
    String manifestPath();
}
