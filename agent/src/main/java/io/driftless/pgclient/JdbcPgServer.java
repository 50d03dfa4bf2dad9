package io.driftless.pgclient;

import io.driftless.backup.PgConnection;
import io.driftless.backup.PgServer;
import io.driftless.backup.SchemaSql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Asks the server its version, its tables and its schema's fingerprint, and runs statements, over the PostgreSQL JDBC driver. */
public final class JdbcPgServer implements PgServer {
    @Override
    public Facts facts(PgConnection connection, String password) throws Unreachable {
        try (Connection db = open(connection, password); Statement statement = db.createStatement()) {
            int versionNum = Integer.parseInt(single(statement, "show server_version_num"));
            String version = single(statement, "show server_version");
            List<TableEstimate> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(PgServer.TABLES_QUERY)) {
                while (rows.next()) {
                    tables.add(new TableEstimate(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
            }
            return new Facts(versionNum, version, tables);
        } catch (SQLException e) {
            throw unreachable(connection, e);
        }
    }

    @Override
    public Answer answer(PgConnection connection, String password, String query) throws Unreachable {
        try (Connection db = open(connection, password); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            ResultSetMetaData meta = rows.getMetaData();
            boolean booleanColumn = meta.getColumnCount() > 0
                    && (meta.getColumnType(1) == Types.BOOLEAN || meta.getColumnType(1) == Types.BIT);
            List<String> first = new ArrayList<>();
            while (rows.next()) {
                first.add(meta.getColumnCount() == 0 ? null : booleanColumn ? bool(rows) : rows.getString(1));
            }
            return new Answer(meta.getColumnCount(), booleanColumn, first);
        } catch (SQLException e) {
            throw unreachable(connection, e);
        }
    }

    @Override
    public void execute(PgConnection connection, String password, List<String> statements) throws Unreachable {
        try (Connection db = open(connection, password)) {
            db.setAutoCommit(false);
            try (Statement statement = db.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unreachable(connection, e);
        }
    }

    @Override
    public String schemaFingerprint(PgConnection connection, String password) throws Unreachable {
        try (Connection db = open(connection, password); Statement statement = db.createStatement()) {
            return single(statement, SchemaSql.FINGERPRINT);
        } catch (SQLException e) {
            throw unreachable(connection, e);
        }
    }

    private static String bool(ResultSet rows) throws SQLException {
        boolean value = rows.getBoolean(1);
        return rows.wasNull() ? null : Boolean.toString(value);
    }

    private static Connection open(PgConnection connection, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", connection.user());
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "driftless backup");
        String url = "jdbc:postgresql://" + hostPart(connection.host()) + ":" + connection.port() + "/" + connection.database();
        return DriverManager.getConnection(url, properties);
    }

    /**
     * The driver's message names the user and the reason (password authentication failed, connection refused, the
     * query's error), never the password.
     */
    private static Unreachable unreachable(PgConnection connection, SQLException e) {
        return new Unreachable("cannot ask the server at " + connection.host() + ":" + connection.port() + " about database "
                + connection.database() + " as " + connection.user() + ": " + e.getMessage());
    }

    private static String hostPart(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
