package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.testing.Integration;
import io.driftless.testing.ScratchDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code driftless backup verify}, {@code drill restore} and {@code restore} against real PostgreSQL 15. */
@Integration
class DrillAndRestoreCommandTest extends BackupCliFixture {

    @Test
    void verifyPassesGoodBackupsAndNamesTheCorruptedOne() throws Exception {
        commit(manifest(policy()));
        assertEquals(0, backupRun().exit());
        nextSecond();
        assertEquals(0, backupRun().exit());

        Cli good = driftless(List.of("backup", "verify", POLICY));
        assertEquals(0, good.exit(), good.toString());
        assertTrue(good.out().contains("backup main-db #1 good: "), good.out());
        assertTrue(good.out().contains("backup main-db #2 good: "), good.out());
        assertTrue(good.out().contains("2 good, 0 bad"), good.out());

        Path second = Path.of(list().get(1).get("file").asText());
        Files.write(second, "trailing garbage".getBytes(), StandardOpenOption.APPEND);
        Cli bad = driftless(List.of("backup", "verify", POLICY));
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.out().contains("backup main-db #1 good: "), bad.out());
        assertTrue(bad.out().contains("backup main-db #2 BAD: "), bad.out());
        assertTrue(bad.out().contains("1 good, 1 bad"), bad.out());

        Cli one = driftless(List.of("backup", "verify", POLICY), "--id", "1");
        assertEquals(0, one.exit(), one.toString());
        assertFalse(one.out().contains("#2"), one.out());

        Cli unknown = driftless(List.of("backup", "verify", POLICY), "--id", "99");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("has no stored backup #99 (stored: #1, #2)"), unknown.err());
    }

    @Test
    void aDrillRestoresTheNewestBackupChecksItAndDropsTheScratchDatabase() throws Exception {
        commit(manifest(policy()));
        assertEquals(0, backupRun().exit());

        Cli drill = driftless(List.of("drill", "restore", POLICY));

        assertEquals(0, drill.exit(), drill.toString());
        assertTrue(drill.out().startsWith("drill main-db: passed in "), drill.out());
        assertTrue(drill.out().contains("backup #1"), drill.out());
        assertTrue(drill.out().contains("verify.query true, scratch database dropped"), drill.out());
        JsonNode last = backupStatus().get("lastDrill");
        assertTrue(last.get("passed").asBoolean(), last.toString());
        assertTrue(last.get("durationMs").asLong() > 0, last.toString());
        assertEquals(List.of(database), ownedDatabases(), "no driftless_drill_ database is left");
    }

    @Test
    void aDrillWhoseQueryIsFalseFailsAndDropsTheScratchDatabase() throws Exception {
        commit(manifest(policy("verify: {restore: weekly, query: \"select count(*) = 0 from users\"}")));
        assertEquals(0, backupRun().exit());

        Cli drill = driftless(List.of("drill", "restore", POLICY));

        assertEquals(1, drill.exit(), drill.toString());
        assertTrue(drill.out().startsWith("drill main-db: FAILED after "), drill.out());
        assertTrue(drill.out().contains("select count(*) = 0 from users"), "names the query: " + drill.out());
        JsonNode last = backupStatus().get("lastDrill");
        assertFalse(last.get("passed").asBoolean(), last.toString());
        assertEquals(List.of(database), ownedDatabases(), "no driftless_drill_ database is left");
    }

    @Test
    void aDrillWithNoBackupStoredFails() throws Exception {
        commit(manifest(policy()));

        Cli drill = driftless(List.of("drill", "restore", POLICY));

        assertEquals(1, drill.exit(), drill.toString());
        assertTrue(drill.out().contains("no verified backup"), drill.out());
        assertFalse(backupStatus().get("lastDrill").get("passed").asBoolean());
        assertEquals(List.of(database), ownedDatabases());
    }

    @Test
    void restoreWithoutYesOnlyPrintsThePlan() throws Exception {
        commit(manifest(policy()));
        assertEquals(0, backupRun().exit());
        db.sql(database, "delete from users where id > 10");

        Cli plan = driftless(List.of("restore", POLICY), "--to", db.url(database));

        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().startsWith("would restore "), plan.out());
        assertTrue(plan.out().contains("into database " + database), plan.out());
        assertTrue(plan.out().contains("nothing was changed; run again with --yes to do it"), plan.out());
        assertEquals(10, users(), "the database is unchanged");
        assertEquals(List.of(database), ownedDatabases());
        assertEquals(1, list().size(), "no pre-restore backup");
    }

    @Test
    void restoreWithYesPutsTheRowsBackKeepsTheOldDatabaseAndAPreRestoreBackup() throws Exception {
        commit(manifest(policy()));
        assertEquals(0, backupRun().exit());
        db.sql(database, "delete from users where id > 10");
        nextSecond();

        Cli restore = driftless(List.of("restore", POLICY), "--to", db.url(database), "--yes");

        assertEquals(0, restore.exit(), restore.toString());
        assertTrue(restore.out().startsWith("restored backup #1 of main-db into "), restore.out());
        assertEquals(50, users(), "the rows are back");
        List<String> owned = ownedDatabases();
        assertEquals(2, owned.size(), owned.toString());
        assertTrue(owned.get(1).startsWith(database + "_replaced_"), owned.toString());
        JsonNode list = list();
        assertEquals(2, list.size(), list.toString());
        assertEquals("pre-restore", list.get(1).get("kind").asText(), list.toString());
        assertTrue(Files.isRegularFile(Path.of(list.get(1).get("file").asText())), list.toString());
    }

    @Test
    void restoreOfAnUnknownPolicyNamesTheManifestsPolicies() throws Exception {
        commit(manifest(policy()));

        Cli restore = driftless(List.of("restore", "nope"), "--to", db.url(database), "--yes");

        assertEquals(2, restore.exit(), restore.toString());
        assertTrue(restore.err().contains("has no backup nope; it has main-db"), restore.err());
        assertEquals(50, users());
    }

    @Test
    void aFailedRestoreLeavesTheDatabaseAndListsThePreRestoreBackupItTook() throws Exception {
        commit(manifest(policy()));
        assertEquals(0, backupRun().exit());
        db.sql(database, "delete from users where id > 10");
        ScratchDatabase.asSuperuser("alter role " + db.role + " nocreatedb");
        nextSecond();

        Cli restore = driftless(List.of("restore", POLICY), "--to", db.url(database), "--yes");

        assertEquals(1, restore.exit(), restore.toString());
        assertTrue(restore.out().startsWith("restore FAILED after "), restore.out());
        assertTrue(restore.out().contains("the database is as it was"), restore.out());
        assertEquals(10, users(), "the database is as it was");
        assertEquals(List.of(database), ownedDatabases());
        JsonNode list = list();
        assertEquals(2, list.size(), "the pre-restore backup it took is listed: " + list);
        assertEquals("pre-restore", list.get(1).get("kind").asText(), list.toString());
        assertTrue(restore.out().contains(list.get(1).get("file").asText()), "the failure names it: " + restore.out());
        assertEquals(localFiles().stream().filter(f -> f.endsWith(".dump")).toList(),
                List.of(Path.of(list.get(0).get("file").asText()).getFileName().toString(),
                        Path.of(list.get(1).get("file").asText()).getFileName().toString()), "every dump on disk is listed");
    }
}
