package io.driftless.backup;

/** The steps of one restore drill, in order; a failed drill names the one that failed. */
public enum DrillStep {
    /** the newest verified backup: there is one, its file is there, its sha256 is the sidecar's */
    BACKUP,
    /** reading the policy's password file */
    PASSWORD,
    /** asking the server its version */
    CONNECT,
    /** finding pg_restore, createdb and dropdb of the server's major version */
    CLIENT,
    /** creating the scratch database */
    CREATE,
    /** pg_restore --exit-on-error into it */
    RESTORE,
    /** the policy's verify.query on it */
    VERIFY,
    /** every table the sidecar lists is in it */
    TABLES,
    /** dropping it, which happens whatever came before */
    DROP;

    /** How a reason names the step: {@code verify}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
