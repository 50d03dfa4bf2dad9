package io.driftless.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;

/**
 * Where the ledger lives: SQLite in the state dir (the default), or a PostgreSQL database. The password is read from
 * a file, never from a flag or the URL (flags show in {@code ps}, and messages name the URL).
 */
public final class LedgerOptions {
    public static final String SQLITE = "sqlite";
    private static final String POSTGRESQL = "jdbc:postgresql://";

    @Option(names = "--ledger", paramLabel = "sqlite|URL", defaultValue = SQLITE, converter = Where.class,
            description = "The ledger: 'sqlite' for <state-dir>/ledger.db (default), or a PostgreSQL database as "
                    + "jdbc:postgresql://host:port/database?user=NAME (the database must exist).")
    public String ledger = SQLITE;

    @Option(names = "--ledger-user", paramLabel = "NAME",
            description = "The PostgreSQL ledger's user, when the URL does not name one (?user=NAME).")
    public String user;

    @Option(names = "--ledger-password-file", paramLabel = "FILE",
            description = "File holding the password of the PostgreSQL ledger's user.")
    public Path passwordFile;

    public boolean sqlite() {
        return SQLITE.equals(ledger);
    }

    static final class Where implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.equals(SQLITE) || value.startsWith(POSTGRESQL) && value.length() > POSTGRESQL.length()) {
                return value;
            }
            throw new TypeConversionException("'" + value + "' is neither 'sqlite' nor a PostgreSQL URL "
                    + POSTGRESQL + "host:port/database");
        }
    }
}
