package io.driftless.backup;

/** The steps of one break-glass restore, in order; a failed restore names the one that failed. */
public enum RestoreStep {
    /** the chosen backup: its file is there, its sha256 is the sidecar's */
    BACKUP,
    /** reading the password file */
    PASSWORD,
    /** asking the server its version */
    CONNECT,
    /** finding pg_restore, createdb and dropdb of the server's major version */
    CLIENT,
    /** the names of the scratch database and of the kept copy fit in PostgreSQL's 63 bytes */
    NAMES,
    /** the backup of the target taken before anything changes */
    PRE_RESTORE,
    /** creating the scratch database */
    CREATE,
    /** pg_restore --exit-on-error into it */
    RESTORE,
    /** closing the target, ending its sessions, the two renames */
    SWAP;

    /** How a reason names the step: {@code pre-restore}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
