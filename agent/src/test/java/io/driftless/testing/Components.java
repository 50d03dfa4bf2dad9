package io.driftless.testing;

/**
 * The components only the full run has. Each test helper that reaches one asks here first, so a test that needs one
 * but is not marked {@link Integration} fails in the fast lane with what to do, even on a machine where the component
 * happens to run.
 */
public final class Components {
    /** Set to {@code true} by the fast lane's surefire run (agent/pom.xml, profile {@code unit}). */
    public static final String FAST_LANE = "driftless.fastLane";

    private Components() {
    }

    /** Fails the test when it runs in the fast lane, which has no {@code component}. */
    public static void require(String component) {
        if (Boolean.getBoolean(FAST_LANE)) {
            throw new AssertionError("this test needs " + component + ", which the fast lane (scripts/test.sh --unit)"
                    + " does not start: mark its class @Integration (io.driftless.testing.Integration)");
        }
    }
}
