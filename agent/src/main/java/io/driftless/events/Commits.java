package io.driftless.events;

/** How commits are shown to people. JSON always carries the full 40-character SHA. */
public final class Commits {
    /** Enough to be unique in any repository a small team has, and to paste into {@code git revert}. */
    static final int SHORT_LENGTH = 12;

    private Commits() {
    }

    /** The first 12 characters of {@code sha}, the way every human line shows a commit. */
    public static String shortSha(String sha) {
        return sha.length() > SHORT_LENGTH ? sha.substring(0, SHORT_LENGTH) : sha;
    }
}
