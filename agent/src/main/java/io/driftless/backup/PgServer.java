package io.driftless.backup;

import java.util.List;

/**
 * The port that asks a PostgreSQL server about itself and runs a drill's query and a restore's statements; the shell
 * implements it over JDBC ({@code url:}) or over psql inside the database's container ({@code container:}).
 */
public interface PgServer {
    /**
     * Every user table with its row estimate, in schema and name order, as {@link Facts#tables} lists them: three
     * columns, schema, name, estimate. {@code reltuples} is -1 for a table never vacuumed or analysed (PostgreSQL
     * 14+); the statistics collector's live count stands in for it then.
     */
    String TABLES_QUERY = """
            select n.nspname, c.relname,
                   case when c.reltuples >= 0 then c.reltuples::bigint else coalesce(s.n_live_tup, 0) end
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_stat_user_tables s on s.relid = c.oid
            where c.relkind in ('r', 'p')
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
            order by n.nspname, c.relname""";

    /** The server's version and its tables as they stand now, or why the server could not be asked. */
    Facts facts(PgConnection connection, String password) throws Unreachable;

    /** What {@code query} answers on the connection's database, or why it could not be asked or run. */
    Answer answer(PgConnection connection, String password, String query) throws Unreachable;

    /**
     * Runs {@code statements} on the connection's database in one transaction, committed only when every one
     * succeeded; any result rows are read and dropped.
     */
    void execute(PgConnection connection, String password, List<String> statements) throws Unreachable;

    /**
     * A fingerprint of the connection's database schema: equal for two reads of the same schema, different once a
     * migration changed it. It covers, outside {@code pg_catalog}, {@code information_schema} and the toast schemas:
     * schemas, tables, views (with their definitions), sequences and their kinds; columns with their types,
     * nullability and defaults; constraints and indexes (their definitions); triggers; enum types and their labels;
     * and the rows of a migrations table when one is there ({@code flyway_schema_history}, {@code schema_migrations},
     * {@code _prisma_migrations}, {@code alembic_version}, {@code django_migrations}, {@code knex_migrations}), since a
     * migration that only records itself still says the old version is behind. Row data, statistics and object ids
     * are not in it: writes do not change it, and a database restored from a dump of it has the same fingerprint.
     * A rollout compares the one taken with its snapshot against one taken after it failed, to decide whether the
     * snapshot must be restored.
     *
     * <p>Every implementation reads the same catalog facts (the container mode runs the same SQL through
     * {@code psql} inside the container), so the text is comparable only between reads of the same implementation.
     */
    String schemaFingerprint(PgConnection connection, String password) throws Unreachable;

    /**
     * @param columns     the answer's column count
     * @param firstColumn each row's first value: {@code true}/{@code false} for a boolean column, the text of any
     *                    other, null for SQL NULL
     * @param booleanColumn    whether the first column is of type boolean
     */
    record Answer(int columns, boolean booleanColumn, List<String> firstColumn) {
        public Answer {
            firstColumn = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(firstColumn));
        }
    }

    /**
     * @param versionNum {@code server_version_num}, e.g. 150014
     * @param version    {@code server_version} as the server prints it
     * @param tables     every user table with its row estimate, in schema and name order
     */
    record Facts(int versionNum, String version, List<TableEstimate> tables) {
        public Facts {
            tables = List.copyOf(tables);
        }

        /** 15 for 150014; 9.6 servers are long out of support and not handled. */
        public int major() {
            return versionNum / 10000;
        }
    }

    /** @param rows the planner's estimate at dump time, not an exact count */
    record TableEstimate(String schema, String name, long rows) {
    }

    /** The server refused or could not be reached; the message says which and is safe to show. */
    final class Unreachable extends Exception {
        public Unreachable(String message) {
            super(message);
        }
    }
}
