package io.driftless.docker;

import io.driftless.backup.PgConnection;
import io.driftless.backup.PgServer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks a PostgreSQL server about itself, and runs statements, with psql inside its container ({@code
 * postgres.container}); no password is involved. The SQL goes in on psql's stdin, the answer comes back unaligned
 * with control characters as separators, and NULL as a marker no value holds.
 */
public final class ContainerPgServer implements PgServer {
    private static final String FIELD = "\u001f";
    private static final String RECORD = "\u001e";
    private static final String NULL = "\u0001";

    private final ContainerExec exec;
    private final Duration timeout;

    /** @param timeout for each psql run; a restore's swap may wait on locks */
    ContainerPgServer(ContainerExec exec, Duration timeout) {
        this.exec = exec;
        this.timeout = timeout;
    }

    /** One run for both: the version's row (its values hold no newline), then the tables' rows. */
    @Override
    public Facts facts(PgConnection connection, String password) throws Unreachable {
        String out = psql(connection, "select current_setting('server_version_num'), current_setting('server_version');\n"
                + PgServer.TABLES_QUERY + ";\n");
        int end = out.indexOf('\n');
        List<String> version = List.of((end < 0 ? out : out.substring(0, end)).split(FIELD, -1));
        if (version.size() != 2) {
            throw new Unreachable("psql in " + exec.where() + " printed no server version: " + out.strip());
        }
        List<TableEstimate> tables = new ArrayList<>();
        for (List<String> row : rows(out.substring(end + 1))) {
            tables.add(new TableEstimate(row.get(0), row.get(1), Long.parseLong(row.get(2))));
        }
        return new Facts(Integer.parseInt(version.get(0)), version.get(1), tables);
    }

    /** The same one-row query as over JDBC ({@link io.driftless.backup.SchemaSql}), through psql in the container. */
    @Override
    public String schemaFingerprint(PgConnection connection, String password) throws Unreachable {
        String out = psql(connection, io.driftless.backup.SchemaSql.FINGERPRINT + ";\n").strip();
        if (!out.matches("[0-9a-f]{32}")) {
            throw new Unreachable("psql in " + exec.where() + " printed no schema fingerprint: " + out);
        }
        return out;
    }

    /** psql's {@code \gdesc} gives the columns and their types without running the query; a second run answers it. */
    @Override
    public Answer answer(PgConnection connection, String password, String query) throws Unreachable {
        String sql = query.strip().replaceAll("[;\\s]+$", "");
        List<List<String>> columns = rows(psql(connection, sql + "\n\\gdesc\n"));
        boolean booleanColumn = !columns.isEmpty() && columns.getFirst().size() == 2
                && "boolean".equals(columns.getFirst().get(1));
        List<String> first = new ArrayList<>();
        if (!columns.isEmpty()) {
            for (List<String> row : rows(psql(connection, sql + "\n;\n"))) {
                String value = NULL.equals(row.getFirst()) ? null : row.getFirst();
                first.add(booleanColumn && value != null ? Boolean.toString("t".equals(value)) : value);
            }
        }
        return new Answer(columns.size(), booleanColumn, first);
    }

    /** {@code --single-transaction} with ON_ERROR_STOP: committed only when every statement succeeded. */
    @Override
    public void execute(PgConnection connection, String password, List<String> statements) throws Unreachable {
        StringBuilder sql = new StringBuilder();
        for (String statement : statements) {
            sql.append(statement).append(";\n");
        }
        run(connection, List.of("--single-transaction"), sql.toString());
    }

    /** The rows of one result: records apart by RECORD, the result ended by a newline, nothing for no rows. */
    private static List<List<String>> rows(String result) {
        String body = result.endsWith("\n") ? result.substring(0, result.length() - 1) : result;
        List<List<String>> rows = new ArrayList<>();
        if (body.isEmpty()) {
            return rows;
        }
        for (String record : body.split(RECORD, -1)) {
            rows.add(List.of(record.split(FIELD, -1)));
        }
        return rows;
    }

    private String psql(PgConnection connection, String sql) throws Unreachable {
        return run(connection, List.of(), sql);
    }

    private String run(PgConnection connection, List<String> options, String sql) throws Unreachable {
        List<String> argv = new ArrayList<>(List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-F", FIELD, "-R", RECORD, "-P", "null=" + NULL));
        argv.addAll(options);
        argv.addAll(List.of("-d", connection.url(), "-f", "-"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerExec.Result result;
        try {
            byte[] in = sql.getBytes(StandardCharsets.UTF_8);
            result = exec.run(argv, Map.of(), new ByteArrayInputStream(in), in.length, out, timeout);
        } catch (IOException e) {
            throw new Unreachable(e.getMessage());
        }
        if (result.timedOut()) {
            throw new Unreachable("psql in " + exec.where() + " did not answer within " + timeout.toSeconds()
                    + "s and was stopped");
        }
        if (result.exit() != 0) {
            throw new Unreachable("cannot ask the server in " + exec.where() + " about database " + connection.database()
                    + " as " + connection.user() + ": psql exited " + result.exit() + ": "
                    + DockerFailures.oneLine(result.stderr()));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
