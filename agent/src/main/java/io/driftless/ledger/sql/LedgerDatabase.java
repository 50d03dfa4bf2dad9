package io.driftless.ledger.sql;

import io.driftless.ledger.LedgerException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalInt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The one connection behind a {@link SqlLedger}: opening, migrating and short transactions, for any {@link Database}.
 * The SQL elsewhere in the package is portable.
 */
final class LedgerDatabase implements AutoCloseable {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface Change {
        void run(Connection connection) throws SQLException;
    }

    /** Flyway's default history table, which {@link #migrations} keeps. */
    private static final String SCHEMA_HISTORY = "flyway_schema_history";

    private final Database database;
    private final boolean readOnly;
    /** Null after a failed transaction: the next call opens a fresh connection. */
    private Connection connection;

    private LedgerDatabase(Database database, Connection connection, boolean readOnly) {
        this.database = database;
        this.connection = connection;
        this.readOnly = readOnly;
    }

    /** Opens {@code database} for the agent, creating and migrating its schema first. */
    static LedgerDatabase openForWriting(Database database) {
        // A server that is down or refuses the user is said so as such, not as a migration that failed. (SQLite's
        // first connection creates the file, which is the migration's to do.)
        Connection first = switch (database) {
            case PostgresServer server -> connect(server);
            case SqliteFile file -> null;
        };
        migrate(database);
        return new LedgerDatabase(database, first == null ? connect(database) : first, false);
    }

    /** Opens {@code database} for reading only: never creates, migrates or writes. */
    static LedgerDatabase openForReading(Database database) {
        if (!hasSchema(database)) {
            throw notALedger(database);
        }
        return new LedgerDatabase(database, connect(database), true);
    }

    /**
     * {@link #openForReading}, or empty when {@code database} holds nothing at all (no schema history, no table): a
     * ledger the agent has not created yet. Something else there is still refused.
     */
    static Optional<LedgerDatabase> openForReadingIfCreated(Database database) {
        if (hasSchema(database)) {
            return Optional.of(new LedgerDatabase(database, connect(database), true));
        }
        try (Connection c = connect(database);
             ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            if (tables.next()) {
                throw notALedger(database);
            }
        } catch (SQLException e) {
            throw database.cannotOpen("cannot read the ledger ", e);
        }
        return Optional.empty();
    }

    Database database() {
        return database;
    }

    /** Runs {@code work} in one write transaction: it all lands, or (error, crash, kill) none of it does. */
    <T> T write(String what, Work<T> work) {
        if (readOnly) {
            throw new IllegalStateException("ledger " + database.name() + " is open read-only; cannot " + what);
        }
        return inTransaction(what, work, false);
    }

    /** {@link #write} for work that returns nothing. */
    void change(String what, Change change) {
        write(what, c -> {
            change.run(c);
            return null;
        });
    }

    /** Runs {@code work} in one read transaction, so it sees one consistent snapshot. */
    <T> T read(String what, Work<T> work) {
        return inTransaction(what, work, true);
    }

    private <T> T inTransaction(String what, Work<T> work, boolean reading) {
        try {
            Connection c = connection == null ? (connection = connect(database)) : connection;
            // Set between transactions (auto-commit is on there): the writer's connection also serves reads.
            OptionalInt isolation = database.dialect().readIsolation();
            if (isolation.isPresent()) {
                int level = reading ? isolation.getAsInt() : Connection.TRANSACTION_READ_COMMITTED;
                if (c.getTransactionIsolation() != level) {
                    c.setTransactionIsolation(level);
                }
            }
            // sqlite-jdbc begins the next transaction right after each commit, which on the writer would hold the
            // write lock between calls; switching back to auto-commit leaves nothing open between calls.
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                c.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException e) {
                discard(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerException("ledger " + database.name() + ": could not " + what + ": " + e.getMessage()
                    + (readOnly ? "" : "; " + database.writeHint()), e);
        }
    }

    /**
     * After a failed statement or commit (a full disk, say) SQLite may have rolled the transaction back by itself,
     * and the driver's idea of it is no longer SQLite's: every later commit would fail with "no transaction is
     * active". Rolling back and starting afresh on a new connection lets the ledger recover once the cause is gone.
     */
    private void discard(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        connection = null;
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new LedgerException("ledger " + database.name() + ": could not close: " + e.getMessage(), e);
        }
    }

    private static Connection connect(Database database) {
        try {
            return database.dataSource().getConnection();
        } catch (SQLException e) {
            throw database.cannotOpen("cannot open the ledger ", e);
        }
    }

    private static void migrate(Database database) {
        try {
            flyway(database).migrate();
        } catch (FlywayException e) {
            throw new LedgerException("cannot prepare the ledger " + database.name() + ": " + e.getMessage()
                    + "; " + database.notALedgerHint(), e);
        }
    }

    /**
     * A reader must not migrate (it may run as another user, or beside the agent, which alone migrates), so it only
     * checks that the database has a ledger's schema history: a successful migration in Flyway's history table. An
     * older schema is read as it is: every migration keeps the columns this binary reads. Plain SQL rather than
     * Flyway's {@code info()}: loading and configuring Flyway is most of a cold {@code status}'s start-up.
     */
    private static boolean hasSchema(Database database) {
        // Not connect(): a reader that cannot reach the ledger says it cannot read it, as before.
        try (Connection c = database.dataSource().getConnection()) {
            try (ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), SCHEMA_HISTORY, new String[] {"TABLE"})) {
                if (!tables.next()) {
                    return false;
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet applied = s.executeQuery("SELECT COUNT(*) FROM " + SCHEMA_HISTORY + " WHERE success")) {
                return applied.next() && applied.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw database.cannotOpen("cannot read the ledger ", e);
        }
    }

    private static LedgerException notALedger(Database database) {
        return new LedgerException(database.name() + " is not a Driftless ledger (it has no schema history); "
                + database.pointAtTheLedgerHint());
    }

    private static Flyway flyway(Database database) {
        return migrations(database).load();
    }

    /** The one set of migrations, told what differs for {@code database}; a test stops it at an older version. */
    static FluentConfiguration migrations(Database database) {
        return Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .placeholders(database.dialect().placeholders())
                .cleanDisabled(true);
    }
}
