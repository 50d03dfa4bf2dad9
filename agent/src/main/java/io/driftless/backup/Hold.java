package io.driftless.backup;

/** Why a rotation deletes nothing this time: the backups already stored may be all there is to restore. */
public enum Hold {
    LAST_RUN_FAILED("nothing is deleted after a failed run"),
    LAST_RUN_UNVERIFIED("nothing is deleted after a run that did not verify"),
    NEWEST_UNVERIFIED("nothing is deleted while the newest backup is unverified");

    private final String text;

    Hold(String text) {
        this.text = text;
    }

    /** The sentence for logs and {@code status}. */
    public String text() {
        return text;
    }
}
