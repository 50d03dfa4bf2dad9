package io.driftless.ledger;

import java.time.Instant;

/** Test commits and times: full 40-character SHAs, as the contract says, and a fixed clock. */
public final class Revisions {
    public static final Instant T0 = Instant.parse("2026-11-04T03:00:00Z");

    private Revisions() {}

    /** A full SHA made of one repeated hex digit, so failures name it readably: sha('a') = "aaaa...a". */
    public static String sha(char hexDigit) {
        return String.valueOf(hexDigit).repeat(40);
    }

    public static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }
}
