package io.driftless.backup;

/** How the policy's most recent run ended, as its caller knows it (a failed run leaves no backup to look at). */
public enum LastRun {
    VERIFIED,
    /** A backup was stored but did not pass its checks. */
    UNVERIFIED,
    /** No backup came of it. */
    FAILED
}
