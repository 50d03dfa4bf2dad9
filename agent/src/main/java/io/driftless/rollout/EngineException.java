package io.driftless.rollout;

/** Docker could not do what the rollout asked; the message says what and, where known, what to do. */
public final class EngineException extends Exception {
    private final boolean transientFailure;

    public EngineException(String message) {
        this(message, null, false);
    }

    public EngineException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param transientFailure true when the same call may succeed later with nothing changed (nobody answered,
     *                         the connection broke, a timeout): only such failures are retried
     */
    public EngineException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when trying the same call again later may work; false when the answer will not change. */
    public boolean isTransient() {
        return transientFailure;
    }
}
