package io.driftless.source;

import io.driftless.events.Commits;

import java.time.Instant;
import java.util.Objects;

/**
 * One commit as an operator reads it in a log line or in {@code status}.
 *
 * @param sha full 40-character commit id
 * @param author "Name &lt;email&gt;"
 * @param commitTime when it was committed (committer time, which is what ordering on a branch follows)
 * @param subject first line of the message
 */
public record CommitInfo(String sha, String author, Instant commitTime, String subject) {
    public CommitInfo {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(subject, "subject");
    }

    /** The abbreviation for human output only. */
    public String shortSha() {
        return Commits.shortSha(sha);
    }
}
