package io.driftless.ledger.sql;

import io.driftless.ledger.LedgerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The embedded default: {@code <stateDir>/ledger.db}, SQLite in WAL mode. Every SQLite-specific setting lives here. */
final class SqliteFile implements Database {
    static final String FILE_NAME = "ledger.db";

    /** Long enough to ride out a checkpoint or another writer's short transaction, short enough to fail a hang. */
    private static final int BUSY_TIMEOUT_MS = 5_000;

    private final Path file;
    private final SQLiteDataSource dataSource;

    private SqliteFile(Path file, String url, boolean readOnly) {
        this.file = file;
        this.dataSource = new SQLiteDataSource(config(readOnly));
        this.dataSource.setUrl(url);
    }

    /** The agent's ledger: creates the state dir if need be; the file is created by the first connection. */
    static SqliteFile forWriting(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new LedgerException("cannot create the state dir " + stateDir + ": " + e
                    + "; create it or pass a writable --state-dir", e);
        }
        Path file = stateDir.resolve(FILE_NAME);
        return new SqliteFile(file, url(file), false);
    }

    /** An existing ledger, read without creating, migrating or writing anything. */
    static SqliteFile forReading(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new LedgerException("no ledger in " + stateDir + ": has the agent run with --state-dir " + stateDir + "?");
        }
        return new SqliteFile(file, readingUrl(stateDir, file), true);
    }

    static boolean exists(Path stateDir) {
        return Files.isRegularFile(stateDir.resolve(FILE_NAME));
    }

    Path file() {
        return file;
    }

    long freeBytes() {
        try {
            return Files.getFileStore(file.getParent()).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    /** Says how full the state dir's disk is, the usual reason a write fails. */
    @Override
    public String writeHint() {
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
    public String notALedgerHint() {
        return "if the file is not a Driftless ledger, move it away and start the agent again";
    }

    @Override
    public String pointAtTheLedgerHint() {
        return "point --state-dir at the agent's state dir";
    }

    /** A state dir this user may not write is the usual reason for a reader. */
    @Override
    public LedgerException cannotOpen(String what, Exception e) {
        String message = Database.firstLineOfTheCause(e);
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

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }
}
