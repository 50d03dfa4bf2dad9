package io.driftless.ledger.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Just enough JDBC to keep the ledger's tables readable: bound parameters, row mapping, times as epoch millis. */
final class Sql {
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Sql() {}

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params)) {
            return statement.executeUpdate();
        }
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params); ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.map(rows));
            }
            return result;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> rows = list(c, sql, row, params);
        if (rows.size() > 1) {
            throw new SQLException("expected at most one row, got " + rows.size() + " from: " + sql);
        }
        return rows.stream().findFirst();
    }

    /**
     * Runs {@code insert}, which ends in {@code RETURNING <column>}, and gives the value the database assigned to that
     * identity column. (Both SQLite and PostgreSQL have RETURNING; an id the database assigns stays right with more
     * than one writer, which MAX(id) + 1 would not.)
     */
    static long insert(Connection c, String insert, Object... params) throws SQLException {
        return one(c, insert, r -> r.getLong(1), params).orElseThrow();
    }

    /** Whether {@code table} exists: a reader may find a ledger an older agent wrote, without the newer tables. */
    static boolean hasTable(Connection c, String table) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), table, new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    /** Whether {@code row} has {@code column}: a reader may find a ledger an older agent wrote, without newer columns. */
    static boolean hasColumn(ResultSet row, String column) throws SQLException {
        java.sql.ResultSetMetaData meta = row.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnName(i).equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }

    /** The ledger keeps times to the millisecond; finer parts of an {@link Instant} are dropped. */
    static long millis(Instant at) {
        return at.toEpochMilli();
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        long ms = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                switch (p) {
                    case null -> statement.setNull(i + 1, Types.VARCHAR);
                    case Instant at -> statement.setLong(i + 1, millis(at));
                    case Long n -> statement.setLong(i + 1, n);
                    case Integer n -> statement.setInt(i + 1, n);
                    case String s -> statement.setString(i + 1, s);
                    default -> throw new IllegalArgumentException("unsupported parameter type " + p.getClass());
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
