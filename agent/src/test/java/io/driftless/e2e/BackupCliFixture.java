package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.Main;
import io.driftless.testing.GitRemoteFixture;
import io.driftless.testing.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The backup commands driven in-process through {@link Main#execute}: a Git remote holding a driftless.yaml whose
 * only content is a {@code backups:} section, a role of its own (CREATEDB, password in a 0600 file) owning a
 * database of 50 users on the host's PostgreSQL, and the dumps, the offsite folder and the state dir in the test's
 * temp dir. Every database the role owns (drill scratch, {@code _replaced_}) is dropped after the test.
 */
abstract class BackupCliFixture extends GitRemoteFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String POLICY = "main-db";

    ScratchDatabase db;
    String database;
    Path passwordFile;
    Path target;
    Path offsite;
    Path state;
    Map<String, String> environment = Map.of();

    record Cli(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }

    @BeforeEach
    final void database() throws Exception {
        db = ScratchDatabase.create("hcli_", "createdb");
        database = db.role;
        db.sql(database, "create table users (id int primary key, name text not null)",
                "insert into users select g, 'user ' || g from generate_series(1, 50) g");
        passwordFile = secret(tmp.resolve("db.pass"), db.password);
        target = tmp.resolve("backups");
        offsite = tmp.resolve("offsite");
        state = tmp.resolve("state");
    }

    @AfterEach
    final void dropDatabases() throws SQLException {
        try {
            for (String owned : ownedDatabases()) {
                if (!owned.equals(database)) {
                    ScratchDatabase.asSuperuser("drop database if exists \"" + owned + "\" with (force)");
                }
            }
        } finally {
            db.close();
        }
    }

    static Path secret(Path file, String content) throws IOException {
        Files.writeString(file, content + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A policy block for {@link #manifest}; {@code extra} lines are indented under it. */
    String policy(String name, String url, Path password, String... extra) {
        StringBuilder b = new StringBuilder("  " + name + ":\n")
                .append("    postgres: {url: \"").append(url).append("\", passwordFile: ").append(password).append("}\n")
                .append("    schedule: \"0 3 * * *\"\n")
                .append("    target: ").append(target).append('\n');
        for (String line : extra) {
            b.append("    ").append(line).append('\n');
        }
        return b.toString();
    }

    /** The usual policy: keep 3, offsite in the temp dir, a drill whose query holds for the 50 users. */
    String policy(String... extra) {
        List<String> lines = new ArrayList<>(List.of(extra));
        if (lines.stream().noneMatch(l -> l.startsWith("keep:"))) {
            lines.add("keep: {last: 3}");
        }
        if (lines.stream().noneMatch(l -> l.startsWith("offsite:"))) {
            lines.add("offsite: {dir: " + offsite + "}");
        }
        if (lines.stream().noneMatch(l -> l.startsWith("verify:"))) {
            lines.add("verify: {restore: weekly, query: \"select count(*) = 50 from users\"}");
        }
        return policy(POLICY, db.url(database), passwordFile, lines.toArray(String[]::new));
    }

    String manifest(String... policies) {
        return "version: 1\nbackups:\n" + String.join("", policies);
    }

    String commit(String manifest) {
        return remote.commit("backups", Map.of("driftless.yaml", manifest));
    }

    /** {@code driftless COMMAND... --repo R --state-dir S} and {@code extra}. */
    Cli driftless(List<String> command, String... extra) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--repo", remote.url(), "--state-dir", state.toString()));
        args.addAll(List.of(extra));
        return raw(args.toArray(String[]::new));
    }

    Cli raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exit, out.toString(), err.toString());
    }

    Cli backupRun(String... extra) {
        return driftless(List.of("backup", "run", POLICY), extra);
    }

    /** {@code backup list NAME --json}, parsed, oldest first. */
    JsonNode list() throws IOException {
        Cli cli = raw("backup", "list", POLICY, "--json", "--state-dir", state.toString());
        assertEquals(0, cli.exit(), cli.toString());
        JsonNode array = JSON.readTree(cli.out());
        assertEquals(true, array.isArray(), cli.out());
        return array;
    }

    /** The entry of {@code status --json}'s backups[] for the policy. */
    JsonNode backupStatus() throws IOException {
        Cli cli = raw("status", "--json", "--state-dir", state.toString());
        assertEquals(0, cli.exit(), cli.toString());
        for (JsonNode b : JSON.readTree(cli.out()).get("backups")) {
            if (POLICY.equals(b.get("name").asText())) {
                return b;
            }
        }
        throw new AssertionError("status --json has no backup " + POLICY + ": " + cli.out());
    }

    /** The files in the policy's local folder, by name. */
    List<String> localFiles() throws IOException {
        return names(target.resolve(POLICY));
    }

    List<String> offsiteFiles() throws IOException {
        return names(offsite.resolve(POLICY));
    }

    static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    long users() throws SQLException {
        return Long.parseLong(db.single(database, "select count(*) from users"));
    }

    /** The databases the test's role owns, as pg_database lists them (drill scratch ones, _replaced_ ones, its own). */
    List<String> ownedDatabases() throws SQLException {
        return column("select datname from pg_database where datdba = (select oid from pg_roles where rolname = current_user) "
                + "order by datname");
    }

    List<String> column(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, db.role, db.password);
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** Dump file names carry the time to the second: the next run must not share the last one's second. */
    static void nextSecond() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20);
    }
}
