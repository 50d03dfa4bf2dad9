package io.driftless.rollout;

/**
 * The repository could not be read as asked: the remote did not answer, refused the credentials, lost the branch,
 * or the local clone is damaged. The message says what and, where known, what to do.
 */
public final class RepositoryException extends Exception {
    private final boolean transientFailure;
    private final boolean commitsFault;

    /**
     * @param transientFailure true when the same call may succeed later with nothing changed (nobody answered): only
     *                         such failures are retried and count toward the breaker
     * @param commitsFault     true when what the commit holds cannot be used (the manifest is a folder, a link, too
     *                         large): the commit is refused, not the repository blamed
     */
    public RepositoryException(String message, Throwable cause, boolean transientFailure, boolean commitsFault) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.commitsFault = commitsFault;
    }

    /** Nobody answered: the same call may work later. */
    public static RepositoryException unreachable(String message) {
        return new RepositoryException(message, null, true, false);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public boolean commitsFault() {
        return commitsFault;
    }
}
