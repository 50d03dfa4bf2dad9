package io.driftless.ledger.sql;

import io.driftless.ledger.LedgerException;
import javax.sql.DataSource;

/**
 * Where a {@link SqlLedger}'s tables live, and what differs from one database to another; the SQL, the transactions
 * and the migrations are shared. SQLite in the state dir is the embedded default.
 */
sealed interface Database permits SqliteFile {
    /** How messages name the ledger: its file. */
    String name();

    DataSource dataSource();

    Dialect dialect();

    /** What to check after a write failed, the usual cause first. */
    String writeHint();

    /** Says why the ledger could not be opened or read, and what to do, in one line. */
    LedgerException cannotOpen(String what, Exception e);
}
