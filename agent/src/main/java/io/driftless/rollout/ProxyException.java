package io.driftless.rollout;

/** The proxy could not be read or refused a config; the old config keeps serving. */
public final class ProxyException extends Exception {
    private final boolean transientFailure;

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
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when trying the same call again later may work; false when the answer will not change. */
    public boolean isTransient() {
        return transientFailure;
    }
}
