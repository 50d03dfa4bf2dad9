package io.driftless.rollout;

/** The proxy could not be read or refused a config; the old config keeps serving. */
public final class ProxyException extends Exception {
    public ProxyException(String message) {
        super(message);
    }

    public ProxyException(String message, Throwable cause) {
        super(message, cause);
    }
}
