package io.driftless.ledger.sql;

import io.driftless.io.SecretFile;
import io.driftless.ledger.LedgerException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A ledger on a PostgreSQL server. Every PostgreSQL-specific setting lives here. */
final class PostgresServer implements Database {
    /** Long enough for a server on the next host, short enough that a wrong address fails the start at once. */
    private static final int CONNECT_TIMEOUT_S = 10;

    private final String url;
    private final PGSimpleDataSource dataSource;

    private PostgresServer(String url, PGSimpleDataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
    }

    /** {@code readOnly}: the server refuses every write of this connection, as SQLite's reader does. */
    static PostgresServer of(PostgresLedgerAddress address, boolean readOnly) {
        String url = address.url();
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            // Flags show in ps; the URL would also land in every message that names the ledger.
            throw new LedgerException("the ledger URL must not hold a password: put it in a file and pass"
                    + " --ledger-password-file");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setUrl(url);
        } catch (IllegalArgumentException e) {
            throw new LedgerException("cannot open the ledger " + url + ": not a PostgreSQL JDBC URL ("
                    + e.getMessage() + "); write it as jdbc:postgresql://host:port/database", e);
        }
        address.user().ifPresent(dataSource::setUser);
        if (address.password() != null) {
            dataSource.setPassword(password(address.password()));
        }
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_S);
        dataSource.setReadOnly(readOnly);
        dataSource.setApplicationName("driftless");
        return new PostgresServer(url, dataSource);
    }

    private static String password(SecretFile file) {
        byte[] bytes;
        try {
            bytes = file.read();
        } catch (SecretFile.Unusable e) {
            throw new LedgerException(e.getMessage(), e);
        }
        try {
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String name() {
        return url;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public String writeHint() {
        return "check that the server is up, has room, and that the user may write the ledger's tables";
    }

    @Override
    public String notALedgerHint() {
        return "if the database holds something other than a Driftless ledger, give the ledger a database of its own";
    }

    @Override
    public String pointAtTheLedgerHint() {
        return "point --ledger at the agent's database";
    }

    @Override
    public LedgerException cannotOpen(String what, Exception e) {
        String message = Database.firstLineOfTheCause(e);
        return new LedgerException(what + url + ": " + message + "; check that the server is reachable, the database"
                + " exists, and the user and --ledger-password-file are right", e);
    }
}
