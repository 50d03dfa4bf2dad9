package io.driftless.backup;

/** The steps of one backup, in order; a failure names the one that failed. */
public enum DumpStep {
    /** reading the policy's password file */
    PASSWORD,
    /** asking the server its version and tables */
    CONNECT,
    /** finding the client programs of the server's major version */
    CLIENT,
    /** pg_dump itself: its exit status and stderr */
    DUMP,
    /** the dump is not empty */
    SIZE,
    /** pg_restore read every block of it back */
    READ_BACK,
    /** its sha256 */
    CHECKSUM,
    /** fsync of the file, the rename into place, fsync of the folder */
    STORE,
    /** the JSON sidecar beside it */
    SIDECAR;

    /** How a reason names the step: {@code read back}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
