package io.driftless.source;

/**
 * The repository could not be read. The message names the repository (credentials stripped), the branch, what
 * went wrong and what to do; {@link #reason()} lets the caller decide between retrying and asking a human.
 */
public final class SourceException extends Exception {

    /** Why the source failed, in the operator's words. */
    public enum Reason {
        /** The remote did not answer (down, DNS, refused, timed out): worth retrying later. */
        UNREACHABLE(true),
        /** The remote refused the credentials, or wanted some and none were configured. */
        AUTHENTICATION_FAILED(false),
        /** The remote answered but has no such branch. */
        BRANCH_NOT_FOUND(false),
        /** Nothing at that URL, or nothing these credentials may see (hosts answer 404 for private repos). */
        REPOSITORY_NOT_FOUND(false),
        /** The SSH server's host key is unknown or does not match the known_hosts file. */
        HOST_KEY_REJECTED(false),
        /** The configuration cannot work as written (missing key file, empty token, ...). */
        BAD_CONFIGURATION(false),
        /** The local clone in the state dir could not be created, read or repaired. */
        LOCAL_CACHE(false),
        /**
         * Another fetch (the agent's, or a {@code plan} beside it) held the local clone for too long. Not retried
         * within the call: the lock already waited, and it says nothing about the remote (no breaker); the next
         * pass tries again.
         */
        CACHE_BUSY(false),
        /** A commit that is not in the local clone. */
        UNKNOWN_COMMIT(false),
        /** A file in the repository that cannot be used as asked (a directory, not UTF-8, too large). */
        UNREADABLE_FILE(false),
        /** Anything else the remote or transport reported. */
        TRANSPORT(true);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** True when the same call may succeed later without anyone changing anything. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Reason reason;

    public SourceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SourceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
