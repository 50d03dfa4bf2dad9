package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.Main;
import io.driftless.ledger.EventRecord;
import io.driftless.ledger.sql.SqlLedger;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;
import io.driftless.testing.ScratchDatabase;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.PostgresSuperuser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * End to end on the host's PostgreSQL and dockerd: a release that snapshots its database before its candidate starts,
 * whose candidate fails its gate after it "migrated" the schema (the test alters the table while the gate waits, as a
 * migration at start-up would), gets its snapshot restored; one that only wrote rows keeps them.
 */
@Integration
class SnapshotRestoreTest extends EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    ScratchDatabase db;
    Path passwordFile;
    String good;

    @BeforeEach
    void databaseAndV1() throws Exception {
        db = ScratchDatabase.create("snap_", "createdb");
        passwordFile = db.passwordFile(dir, db.password);
        db.sql(db.role, "create table users (id int primary key, name text not null)", "insert into users values (1, 'before')");
        good = host.commit("web v1", manifest(web("web", "v1", "/*")));
        assertEquals(0, host.reconcile().exit());
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (db == null) {
            return;
        }
        String kept = db.single(db.role, "select string_agg(datname, ',') from pg_database where datname like '"
                + db.role + "\\_replaced\\_%'");
        if (kept != null) {
            for (String name : kept.split(",")) {
                PostgresSuperuser.run("drop database if exists " + name + " with (force)");
            }
        }
        db.close();
    }

    @Test
    void aFailedCandidateThatChangedTheSchemaGetsTheSnapshotRestoredWhileTheOldVersionServes() throws Exception {
        String bad = host.commit("web v3 (unhealthy) migrating users", manifest(snapshotted(web("web", "v3-unhealthy", "/*"))));
        Instant before = Instant.now();

        E2eHost.Cli cli = reconcileWhileTheCandidateRuns(
                "alter table users add column email text", "insert into users values (2, 'during the gate', 'x@example.com')");

        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("did not answer 2xx"), cli.out());
        assertEquals("id,name", db.single(db.role, "select string_agg(column_name, ',' order by ordinal_position) "
                + "from information_schema.columns where table_name = 'users'"), "the schema is the snapshot's");
        assertEquals("1 before", db.single(db.role, "select string_agg(id || ' ' || name, ';' order by id) from users"),
                "the write made after the snapshot is undone");
        String keptAs = db.single(db.role, "select datname from pg_database where datname like '" + db.role + "\\_replaced\\_%'");
        assertEquals("2", db.single(keptAs, "select count(*) from users"), "the undone writes are kept beside it");
        assertEquals("app v1", host.get("/"), "the old version kept serving");
        assertEquals(Map.of("web", List.of("blue v1")), host.services());

        JsonNode status = host.status();
        assertEquals(good, status.get("lastAppliedRevision").asText());
        JsonNode failed = status.get("failedRevisions").get(0);
        assertEquals(bad, failed.get("revision").asText());
        assertEquals("HealthGateFailed", failed.get("reason").asText(), "the rollout keeps its own reason");
        JsonNode restore = policy(status).get("lastSnapshotRestore");
        assertFalse(restore == null || restore.isNull(), status.toPrettyString());
        Instant from = Instant.parse(restore.get("writesUndoneFrom").asText());
        Instant to = Instant.parse(restore.get("writesUndoneTo").asText());
        assertTrue(!from.isBefore(before.minusSeconds(1)) && from.isBefore(to), restore.toString());
        String told = events();
        assertTrue(told.contains("the failed candidate changed the schema, so snapshot #" + restore.get("snapshotId").asLong()
                + " was restored; writes from " + from + " to "), "the event names the window: " + told);
        assertTrue(told.contains("kept as " + keptAs), told);
        List<String> kinds = kinds();
        assertTrue(kinds.contains("snapshot") && kinds.contains("pre-restore"), kinds.toString());
        assertEquals(snapshotId(), restore.get("snapshotId").asLong(), "the snapshot restored is the one taken");
    }

    @Test
    void aFailedCandidateThatLeftTheSchemaAsItWasRestoresNothing() throws Exception {
        host.commit("web v3 (unhealthy), only writes", manifest(snapshotted(web("web", "v3-unhealthy", "/*"))));

        E2eHost.Cli cli = reconcileWhileTheCandidateRuns("insert into users values (2, 'during the gate')");

        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertTrue(cli.out().contains("did not answer 2xx"), cli.out());
        String told = events();
        assertTrue(told.contains("snapshot backup #"), "the snapshot was taken: " + told);
        assertFalse(told.contains("was restored"), told);
        assertEquals("1 before;2 during the gate", db.single(db.role,
                "select string_agg(id || ' ' || name, ';' order by id) from users"), "no write was undone");
        assertEquals("0", db.single(db.role, "select count(*) from pg_database where datname like '" + db.role
                + "\\_replaced\\_%'"));
        JsonNode restore = policy(host.status()).get("lastSnapshotRestore");
        assertTrue(restore == null || restore.isNull(), String.valueOf(restore));
        assertEquals(List.of("snapshot"), kinds(), "a snapshot and no pre-restore backup");
        assertEquals("app v1", host.get("/"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** Runs a pass; once the candidate (green) container exists, runs {@code sql} on the database, as its start-up would. */
    private E2eHost.Cli reconcileWhileTheCandidateRuns(String... sql) throws Exception {
        CompletableFuture<E2eHost.Cli> pass = CompletableFuture.supplyAsync(host::reconcile);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (host.containers().stream().noneMatch(SnapshotRestoreTest::candidate)) {
            if (pass.isDone() || System.nanoTime() > deadline) {
                fail("the candidate never started: " + (pass.isDone() ? pass.get().out() + pass.get().err() : "(still running)"));
            }
            Thread.sleep(50);
        }
        db.sql(db.role, sql);
        return pass.get(2, TimeUnit.MINUTES);
    }

    private static boolean candidate(LiveContainer c) {
        return c.service().equals("web") && c.slot() == Slot.GREEN;
    }

    private String manifest(String... services) {
        return host.manifest(services) + """
                backups:
                  main-db:
                    postgres: {url: "%s", passwordFile: %s}
                    schedule: "0 3 * * *"
                    target: %s
                    keep: {last: 3}
                """.formatted(db.url(db.role), passwordFile, dir.resolve("backups"));
    }

    private static String snapshotted(String service) {
        return service + "    snapshot: {backup: main-db, restoreOnFailure: true}\n";
    }

    private static JsonNode policy(JsonNode status) {
        for (JsonNode b : status.get("backups")) {
            if (b.get("name").asText().equals("main-db")) {
                return b;
            }
        }
        throw new AssertionError("no backup main-db in status: " + status.toPrettyString());
    }

    /** The ledger's recent event lines, oldest first, one per line. */
    private String events() {
        try (SqlLedger ledger = SqlLedger.openReadOnly(host.stateDir)) {
            return String.join("\n", ledger.recentEvents(500).reversed().stream().map(EventRecord::message).toList());
        }
    }

    private JsonNode backupList() throws Exception {
        List<String> args = new ArrayList<>(List.of("backup", "list", "main-db", "--json"));
        args.addAll(host.agentFlags());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args.toArray(String[]::new), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
        return JSON.readTree(out.toString());
    }

    private List<String> kinds() throws Exception {
        List<String> kinds = new ArrayList<>();
        backupList().forEach(b -> kinds.add(b.get("kind").asText()));
        return kinds;
    }

    private long snapshotId() throws Exception {
        for (JsonNode b : backupList()) {
            if (b.get("kind").asText().equals("snapshot")) {
                return b.get("id").asLong();
            }
        }
        return -1;
    }
}
