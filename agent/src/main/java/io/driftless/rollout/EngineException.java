package io.driftless.rollout;

/** Docker could not do what the rollout asked; the message says what and, where known, what to do. */
public final class EngineException extends Exception {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
