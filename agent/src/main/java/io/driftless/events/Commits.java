package io.driftless.events;

/** Commit ids as people read them: every log line, message and table cuts them the same way. */
public final class Commits {
    /** As long as docker's short ids, and enough that a host's history never has two commits sharing one. */
    private static final int SHORT = 12;

    private Commits() {
    }

    /** The first 12 characters of {@code sha}, or all of it when it is shorter; machine output keeps the full id. */
    public static String shortSha(String sha) {
        return sha.length() > SHORT ? sha.substring(0, SHORT) : sha;
    }
}
