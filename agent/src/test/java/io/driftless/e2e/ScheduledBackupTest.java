package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.ledger.BackupKind;
import io.driftless.ledger.NewBackup;
import io.driftless.ledger.sql.SqlLedger;
import io.driftless.testing.ScratchDatabase;
import io.driftless.testing.AgentProcess;
import io.driftless.testing.AppImages;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.stream.Stream;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code driftless run} keeps the backup policy of the commit it applied: a nightly backup missed while the agent was
 * down runs once at start-up, is recorded as scheduled, and {@code status} shows when the next backup and drill are
 * due. Real agent process, real PostgreSQL, real Docker and Caddy.
 */
@Integration
class ScheduledBackupTest extends EndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aNightlyBackupMissedWhileTheAgentWasDownRunsAtStartUpAndStatusShowsTheNextOnes() throws Exception {
        AppImages.ensure("v1");
        try (ScratchDatabase db = ScratchDatabase.create("sched_", "createdb")) {
            db.sql(db.role, "create table users (id int primary key, name text)",
                    "insert into users select g, 'user ' || g from generate_series(1, 200) g");
            Path passwordFile = db.passwordFile(dir, db.password);
            Files.setPosixFilePermissions(passwordFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Path backups = dir.resolve("backups");
            // The last backup the ledger has is of two days ago at 02:00; yesterday's 02:00 at least has passed with
            // the agent down.
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            Instant twoDaysAgo = now.minusDays(2).withHour(2).withMinute(0).withSecond(3).withNano(0).toInstant();
            try (SqlLedger ledger = SqlLedger.open(host.stateDir)) {
                ledger.recordBackup(new NewBackup("main-db", BackupKind.SCHEDULED, twoDaysAgo,
                        backups.resolve("main-db/main-db-gone.dump").toString(), 10, "0".repeat(64), true));
            }
            String manifest = host.manifest(web("web", "v1", "/*")) + """
                    backups:
                      main-db:
                        postgres: {url: "%s", passwordFile: %s}
                        schedule: "0 2 * * *"
                        target: %s
                        keep: {last: 3}
                        verify: {restore: weekly, query: "select count(*) = 200 from users"}
                    """.formatted(db.url(db.role), passwordFile, backups);
            String c1 = host.commit("web v1 and a nightly backup", manifest);

            try (AgentProcess agent = AgentProcess.run(host)) {
                agent.await("the missed backup ran", WAIT, () -> scheduledBackups(backups) >= 1);
                agent.await("the next runs are in status", WAIT, () -> {
                    JsonNode b = backup(host.status());
                    // Until the pass after the catch-up records the advanced schedule, the ledger still holds the
                    // catch-up's own due time (now): wait for the one after it.
                    return b != null && !b.get("nextBackupAt").isNull()
                            && Instant.parse(b.get("nextBackupAt").asText()).isAfter(Instant.now())
                            && c1.equals(host.status().get("lastAppliedRevision").asText());
                });
                JsonNode b = backup(host.status());
                Instant next = Instant.parse(b.get("nextBackupAt").asText());
                assertTrue(next.isAfter(Instant.now()), "the next backup is in the future: " + b);
                assertEquals(2, next.atZone(ZoneOffset.UTC).getHour(), "at 02:00 UTC: " + b);
                Instant drill = Instant.parse(b.get("nextDrillAt").asText());
                assertEquals(java.time.DayOfWeek.SUNDAY, drill.atZone(ZoneOffset.UTC).getDayOfWeek(), "weekly: Sunday: " + b);
                assertTrue(b.get("lastBackup").get("verified").asBoolean(), b.toString());
                assertTrue(agent.log().contains("did not run (the agent was not running); running it now"), agent.log());
                assertTrue(agent.log().contains("backup main-db: scheduled backup #"), agent.log());

                java.io.StringWriter out = new java.io.StringWriter();
                int exit = io.driftless.Main.execute(new String[] {"backup", "list", "main-db", "--json", "--state-dir",
                        host.stateDir.toString()}, java.util.Map.of(), new java.io.PrintWriter(out, true), new java.io.PrintWriter(System.err, true));
                assertEquals(0, exit, out.toString());
                JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
                JsonNode newest = list.get(list.size() - 1);
                assertEquals("scheduled", newest.get("kind").asText(), list.toString());
                assertTrue(newest.get("verified").asBoolean(), list.toString());
                assertEquals("app v1", host.get("/"), "the service runs beside the backups");
                assertEquals(0, agent.terminate(Duration.ofSeconds(30)));
            }
        }
    }

    private static JsonNode backup(JsonNode status) {
        for (JsonNode b : status.path("backups")) {
            if (b.get("name").asText().equals("main-db")) {
                return b;
            }
        }
        return null;
    }

    private static long scheduledBackups(Path backups) {
        Path folder = backups.resolve("main-db");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("main-db-\\d{8}T\\d{6}Z\\.dump\\.json")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
