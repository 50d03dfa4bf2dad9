package io.driftless.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfoService;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one SQLite connection behind a {@link Ledger}: opening, migrating and short transactions. All
 * SQLite-specific settings live here; the SQL elsewhere in the package is portable.
 */
final class LedgerDatabase implements AutoCloseable {
    static final String FILE_NAME = "ledger.db";

    /** Long enough to ride out a checkpoint or another writer's short transaction, short enough to fail a hang. */
    private static final int BUSY_TIMEOUT_MS = 5_000;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface Change {
        void run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final String url;
    private final SQLiteConfig config;
    private final boolean readOnly;
    /** Null after a failed transaction: the next call opens a fresh connection. */
    private Connection connection;

    private LedgerDatabase(Path file, String url, SQLiteConfig config, Connection connection, boolean readOnly) {
        this.file = file;
        this.url = url;
        this.config = config;
        this.connection = connection;
        this.readOnly = readOnly;
    }

    static LedgerDatabase openForWriting(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new LedgerException("cannot create the state dir " + stateDir + ": " + e
                    + "; create it or pass a writable --state-dir", e);
        }
        SQLiteConfig config = config(false);
        String url = url(file);
        migrate(file, url, config);
        return new LedgerDatabase(file, url, config, connect(file, url, config), false);
    }

    static LedgerDatabase openForReading(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new LedgerException("no ledger in " + stateDir + ": has the agent run with --state-dir " + stateDir + "?");
        }
        SQLiteConfig config = config(true);
        String url = readingUrl(stateDir, file);
        requireCurrentSchema(file, url, config);
        return new LedgerDatabase(file, url, config, connect(file, url, config), true);
    }

    /**
     * SQLite reads a WAL-mode database only with its {@code -shm} file beside it, which it creates if it may. While
     * the agent runs, that file exists and anyone who may read the ledger may read through it; once the agent has
     * stopped it is gone, and a user who cannot write the state dir (an operator without sudo) could not read at
     * all. Then nothing is writing and everything is in the main file: it is read as immutable. (An agent starting
     * at that very moment could make such a read fail; running {@code status} again reads normally.)
     */
    private static String readingUrl(Path stateDir, Path file) {
        if (Files.isWritable(stateDir) || Files.exists(file.resolveSibling(FILE_NAME + "-wal"))) {
            return url(file);
        }
        return "jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?immutable=1";
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction: it all lands, or (error, crash, kill) none of it does. */
    <T> T write(String what, Work<T> work) {
        if (readOnly) {
            throw new IllegalStateException("ledger " + file + " is open read-only; cannot " + what);
        }
        return inTransaction(what, work);
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
        return inTransaction(what, work);
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try {
            Connection c = connection == null ? (connection = connect(file, url, config)) : connection;
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
            throw new LedgerException("ledger " + file + ": could not " + what + ": " + e.getMessage()
                    + (readOnly ? "" : "; " + diskHint()), e);
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

    /** Says how full the state dir's disk is, the usual reason a write fails. */
    private String diskHint() {
        try {
            long free = Files.getFileStore(file.getParent()).getUsableSpace();
            return free < 1024 * 1024
                    ? "the disk holding " + file.getParent() + " is full (" + free + " bytes free): make room there"
                    : "check that the file is writable (" + free / (1024 * 1024) + " MiB free on its disk)";
        } catch (IOException e) {
            return "check that the disk is not full and the file is writable";
        }
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new LedgerException("ledger " + file + ": could not close: " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig config(boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setReadOnly(readOnly);
        if (readOnly) {
            // A reader must never take the write lock; it sees a snapshot while the agent writes (WAL).
            config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        } else {
            // WAL lets `status` read while the agent writes; NORMAL is safe with WAL (a power cut may lose the last
            // transaction, never corrupt the file). IMMEDIATE takes the write lock at BEGIN, so a busy writer waits
            // for busy_timeout instead of failing mid-transaction on a lock upgrade.
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.enforceForeignKeys(true);
        }
        return config;
    }

    private static Connection connect(Path file, String url, SQLiteConfig config) {
        try {
            return config.createConnection(url);
        } catch (SQLException e) {
            throw unreadable("cannot open the ledger ", file, e);
        }
    }

    /** One line that says what to do; a state dir this user may not write is the usual reason for a reader. */
    private static LedgerException unreadable(String what, Path file, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).strip().lines().findFirst().orElse("");
        Path dir = file.toAbsolutePath().getParent();
        String otherWays = "run it as the agent's user (sudo), or ask the running agent for GET /status (by default"
                + " curl -s http://127.0.0.1:7878/status)";
        if (!Files.isReadable(file)) {
            return new LedgerException(what + file + ": " + message + "; this user may not read it: " + otherWays, e);
        }
        if (!Files.isWritable(dir) && !Files.exists(file.resolveSibling(FILE_NAME + "-shm"))) {
            return new LedgerException(what + file + ": " + message + "; SQLite needs to create " + FILE_NAME
                    + "-shm in " + dir + " to read while the agent writes, and this user may not: " + otherWays, e);
        }
        return new LedgerException(what + file + ": " + message + "; check the file's permissions and that it is a"
                + " Driftless ledger", e);
    }

    private static void migrate(Path file, String url, SQLiteConfig config) {
        try {
            flyway(url, config).migrate();
        } catch (FlywayException e) {
            throw new LedgerException("cannot prepare the ledger " + file + ": " + e.getMessage()
                    + "; if the file is not a Driftless ledger, move it away and start the agent again", e);
        }
    }

    /**
     * `status` must not migrate (it may run as another user, or beside the agent), so it only checks that the
     * schema is the one this binary reads.
     */
    private static void requireCurrentSchema(Path file, String url, SQLiteConfig config) {
        MigrationInfoService info;
        try {
            info = flyway(url, config).info();
        } catch (FlywayException e) {
            throw unreadable("cannot read the ledger ", file, e);
        }
        if (info.current() == null) {
            throw new LedgerException(file + " is not a Driftless ledger (it has no schema history); "
                    + "point --state-dir at the agent's state dir");
        }
        if (info.pending().length > 0) {
            throw new LedgerException("the ledger " + file + " was written by an older Driftless (schema "
                    + info.current().getVersion() + "); start the agent once to upgrade it, then run status again");
        }
    }

    private static Flyway flyway(String url, SQLiteConfig config) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .load();
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }
}
