package io.driftless.ledger.sql;

import io.driftless.io.SecretFile;
import java.util.Optional;

/**
 * A ledger on a PostgreSQL server, as the operator named it: {@code jdbc:postgresql://host:port/db} (the user may be
 * in it, {@code ?user=}), the user of {@code user} otherwise, and the password in a file of its own.
 *
 * @param password null when the server needs none (trust or peer authentication)
 */
public record PostgresLedgerAddress(String url, Optional<String> user, SecretFile password) {
    public static final String URL_PREFIX = "jdbc:postgresql://";

    public PostgresLedgerAddress {
        if (!url.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("a PostgreSQL ledger's URL starts with " + URL_PREFIX + ": " + url);
        }
    }
}
