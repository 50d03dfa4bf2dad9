package io.driftless.ledger;

import io.driftless.testing.PostgresSuperuser;

import io.driftless.io.SecretFile;
import io.driftless.ledger.sql.PostgresLedgerAddress;
import io.driftless.testing.Components;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A role and a database of their own on the host's PostgreSQL (127.0.0.1:5432), named {@code h11_<random>} so test
 * classes running beside others never meet, and an empty schema per test in it; {@link #close} drops them all.
 */
public final class PostgresScratch implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String password;
    private int schemas;

    private PostgresScratch(String name, String password) {
        this.name = name;
        this.password = password;
    }

    public static PostgresScratch create() {
        Components.require("the host's PostgreSQL");
        String name = "h11_" + hex(5);
        PostgresScratch scratch = new PostgresScratch(name, "pw-" + hex(12));
        asSuperuser("create role " + name + " login password '" + scratch.password + "'");
        asSuperuser("create database " + name + " owner " + name);
        return scratch;
    }

    String url() {
        return PostgresLedgerAddress.URL_PREFIX + "127.0.0.1:5432/" + name;
    }

    /** A new empty schema, and the address of a ledger in it; the password file is written into {@code folder}. */
    public PostgresLedgerAddress freshLedger(Path folder) throws IOException, SQLException {
        String schema = "t" + ++schemas;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, name, password);
             Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        Path file = Files.writeString(folder.resolve("ledger.pass"), password + "\n");
        return new PostgresLedgerAddress(url() + "?currentSchema=" + schema, Optional.of(name),
                new SecretFile(file, "--ledger-password-file", "the password", "--ledger-password-file"));
    }

    /** The first column of the first row of {@code query}, in {@code address}'s schema. */
    public String single(PostgresLedgerAddress address, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(address.url(), name, password);
             Statement s = c.createStatement(); var rows = s.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Runs {@code statement} in {@code address}'s schema. */
    void execute(PostgresLedgerAddress address, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(address.url(), name, password);
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    public void close() {
        asSuperuser("drop database if exists " + name + " with (force)");
        asSuperuser("drop role if exists " + name);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static void asSuperuser(String sql) {
        PostgresSuperuser.run(sql);
    }
}
