package io.driftless.ledger.sql;

import io.driftless.ledger.LedgerException;
import javax.sql.DataSource;

/**
 * Where a {@link SqlLedger}'s tables live, and what differs from one database to another; the SQL, the transactions
 * and the migrations are shared. SQLite in the state dir is the embedded default;
 * PostgreSQL is the option.
 */
sealed interface Database permits SqliteFile, PostgresServer {
    /** How messages name the ledger: its file. */
    String name();

    DataSource dataSource();

    Dialect dialect();

    /** What to check after a write failed, the usual cause first. */
    String writeHint();

    /** What to do when the migrations refuse what is there. */
    String notALedgerHint();

    /** What to do when a reader finds no ledger's schema there. */
    String pointAtTheLedgerHint();

    /** Says why the ledger could not be opened or read, and what to do, in one line. */
    LedgerException cannotOpen(String what, Exception e);

    /** The driver's own words at the bottom of {@code e}'s causes, its first line: what a one-line message quotes. */
    static String firstLineOfTheCause(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).strip().lines().findFirst().orElse("");
    }
}
