package io.driftless.ledger;

/**
 * The ledger could not be opened, read or written. The message names the ledger file and says what to
 * check; the CLI prints it as it is.
 */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
