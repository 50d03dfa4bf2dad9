package io.driftless.testing;

import io.driftless.backup.PgConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A role and databases of its own on the host's PostgreSQL (127.0.0.1:5432), named {@code h8_<random>} (or another
 * prefix) so tests running beside others never meet; {@link #close} drops them all. Public for the benchmarks
 * ({@code io.driftless.bench}).
 */
public final class ScratchDatabase implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    public final String role;
    public final String password;
    private final List<String> databases = new ArrayList<>();

    private ScratchDatabase(String role, String password) {
        this.role = role;
        this.password = password;
    }

    public static ScratchDatabase create() {
        return create("h8_", "");
    }

    /** @param options added to {@code create role}, e.g. {@code createdb} for a drill's scratch databases */
    public static ScratchDatabase create(String prefix, String options) {
        Components.require("the host's PostgreSQL");
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        String role = prefix + HexFormat.of().formatHex(bytes);
        bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        ScratchDatabase scratch = new ScratchDatabase(role, "pw:" + HexFormat.of().formatHex(bytes) + "\\x");
        asSuperuser("create role " + role + " login " + options + " password '" + scratch.password.replace("'", "''") + "'");
        scratch.database(role);
        return scratch;
    }

    /** Another empty database owned by the role; dropped with the rest. */
    public String database(String name) {
        asSuperuser("create database " + name + " owner " + role);
        databases.add(name);
        return name;
    }

    public String url(String database) {
        return "postgresql://" + role + "@127.0.0.1:5432/" + database;
    }

    public PgConnection connection() {
        return PgConnection.parse(url(role));
    }

    public Path passwordFile(Path folder, String content) throws IOException {
        Path file = folder.resolve("db.pass");
        Files.writeString(file, content + "\n");
        return file;
    }

    public void sql(String database, String... statements) throws SQLException {
        try (Connection db = connect(database); Statement statement = db.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    public String single(String database, String query) throws SQLException {
        try (Connection db = connect(database); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, role, password);
    }

    @Override
    public void close() {
        for (String database : databases.reversed()) {
            asSuperuser("drop database if exists " + database + " with (force)");
        }
        asSuperuser("drop role if exists " + role);
    }

    /** Through the local socket as the postgres user (peer authentication), the SQL on stdin so no shell quotes it. */

    public static void asSuperuser(String sql) {
        PostgresSuperuser.run(sql);
    }
}
