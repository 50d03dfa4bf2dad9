package io.driftless.rollout;

/** The proxy could not be read or refused a config; the old config keeps serving. */
public final class ProxyException extends Exception {
    private final boolean transientFailure;
    private final boolean maybeApplied;

    public ProxyException(String message) {
        this(message, null, false);
    }

    public ProxyException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param transientFailure true when the same call may succeed later with nothing changed (nobody answered,
     *                         the connection broke, a timeout): only such failures are retried
     */
    public ProxyException(String message, Throwable cause, boolean transientFailure) {
        this(message, cause, transientFailure, false);
    }

    /**
     * @param maybeApplied true when the request reached the proxy but no answer came back (a timeout, a broken
     *                     connection): a config load may have taken effect
     */
    public ProxyException(String message, Throwable cause, boolean transientFailure, boolean maybeApplied) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.maybeApplied = maybeApplied;
    }

    /** True when a load may have taken effect although it failed; ask the proxy what it routes to know. */
    public boolean maybeApplied() {
        return maybeApplied;
    }

    /** True when trying the same call again later may work; false when the answer will not change. */
    public boolean isTransient() {
        return transientFailure;
    }
}
