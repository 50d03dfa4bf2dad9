package io.driftless.source;

/**
 * A commit with its object exactly as stored, which is what a signature covers.
 *
 * @param info how an operator names it (short SHA, subject)
 * @param raw the commit object's bytes (headers, {@code gpgsig} included, and message)
 */
public record RawCommit(CommitInfo info, byte[] raw) {
}
