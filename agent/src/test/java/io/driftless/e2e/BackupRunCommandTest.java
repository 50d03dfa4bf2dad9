package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.testing.Integration;
import io.driftless.testing.WebdavRemote;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code driftless backup run} and {@code backup list} against real PostgreSQL 15, a Git remote and offsite folders. */
@Integration
class BackupRunCommandTest extends BackupCliFixture {
    static final Set<String> CONTRACT = Set.of("id", "name", "kind", "at", "file", "sizeBytes", "sha256", "verified", "offsite");

    @Test
    void aManualBackupIsStoredVerifiedListedAndCopiedOffsite() throws Exception {
        commit(manifest(policy()));

        Cli run = backupRun();

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().startsWith("backup main-db: #1 stored and verified: " + target.resolve(POLICY)), run.out());
        assertTrue(run.out().contains("; offsite copied (dir:" + offsite + ")"), run.out());
        JsonNode list = list();
        assertEquals(1, list.size(), list.toString());
        JsonNode b = list.get(0);
        Set<String> fields = new java.util.TreeSet<>();
        b.fieldNames().forEachRemaining(fields::add);
        assertEquals(new java.util.TreeSet<>(CONTRACT), fields, "backup list --json fields are the contract");
        assertEquals(POLICY, b.get("name").asText());
        assertEquals("manual", b.get("kind").asText());
        assertTrue(b.get("verified").asBoolean());
        assertEquals("copied", b.get("offsite").get("state").asText(), b.toString());
        assertTrue(b.get("at").asText().endsWith("Z"), "ISO-8601 UTC: " + b.get("at"));
        Path dump = Path.of(b.get("file").asText());
        assertEquals(target.resolve(POLICY), dump.getParent());
        assertEquals(List.of(dump.getFileName().toString(), dump.getFileName() + ".json"), localFiles());
        assertEquals(Files.size(dump), b.get("sizeBytes").asLong());
        assertEquals(sha256(dump), b.get("sha256").asText());
        assertEquals(localFiles(), offsiteFiles());
        assertEquals(sha256(dump), sha256(offsite.resolve(POLICY).resolve(dump.getFileName())), "the offsite copy is the dump");
        assertTrue(JSON.readTree(Files.readString(dump.resolveSibling(dump.getFileName() + ".json"))).has("sha256"),
                "the sidecar is JSON");
        assertTrue(backupStatus().get("lastFailure").isNull());
    }

    @Test
    void aFailedBackupStoresNothingLeavesOlderOnesAndIsInTheStatus() throws Exception {
        commit(manifest(policy()));
        assertEquals(0, backupRun().exit());
        List<String> before = localFiles();
        String sha = sha256(target.resolve(POLICY).resolve(before.getFirst()));
        Path wrong = secret(tmp.resolve("wrong.pass"), "not-the-password");
        commit(manifest(policy(POLICY, db.url(database), wrong, "keep: {last: 3}", "offsite: {dir: " + offsite + "}")));
        nextSecond();

        Cli run = backupRun();

        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().startsWith("backup main-db: FAILED: "), run.out());
        assertTrue(run.out().contains("password authentication failed"), "names what went wrong: " + run.out());
        assertTrue(run.out().contains("older backups are untouched"), run.out());
        assertEquals(before, localFiles(), "nothing new stored, no .partial left");
        assertEquals(sha, sha256(target.resolve(POLICY).resolve(before.getFirst())));
        assertEquals(1, list().size());
        JsonNode failure = backupStatus().get("lastFailure");
        assertFalse(failure.isNull(), failure.toString());
        assertTrue(failure.get("message").asText().contains("password authentication failed"), failure.toString());
    }

    @Test
    void anUnreachableServerIsAFailedBackupNamingTheStep() throws Exception {
        commit(manifest(policy(POLICY, "postgresql://" + db.role + "@127.0.0.1:1/" + database, passwordFile, "keep: {last: 3}")));

        Cli run = backupRun();

        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().startsWith("backup main-db: FAILED: "), run.out());
        assertTrue(run.out().contains("127.0.0.1:1") || run.out().contains("port 1"), "names where: " + run.out());
        assertEquals(List.of(), localFiles());
        assertEquals(0, list().size());
        assertFalse(backupStatus().get("lastFailure").isNull());
    }

    @Test
    void aFailedOffsiteCopyKeepsTheLocalBackupListedAsOffsiteFailed() throws Exception {
        Path regular = Files.writeString(tmp.resolve("a-file"), "not a folder\n");
        commit(manifest(policy("offsite: {dir: " + regular.resolve("offsite") + "}")));

        Cli run = backupRun();

        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().contains("#1 stored and verified"), run.out());
        assertTrue(run.out().contains("OFFSITE FAILED: "), run.out());
        JsonNode list = list();
        assertEquals(1, list.size());
        assertEquals("failed", list.get(0).get("offsite").get("state").asText());
        assertTrue(Files.isRegularFile(Path.of(list.get(0).get("file").asText())));
    }

    @Test
    void rotationKeepsTheLastTwoLocallyAndOffsite() throws Exception {
        commit(manifest(policy("keep: {last: 2}")));
        List<String> dumps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                nextSecond();
            }
            Cli run = backupRun();
            assertEquals(0, run.exit(), run.toString());
            dumps.add(Path.of(list().get(list().size() - 1).get("file").asText()).getFileName().toString());
        }

        JsonNode list = list();
        assertEquals(2, list.size(), list.toString());
        assertEquals(List.of(2L, 3L), List.of(list.get(0).get("id").asLong(), list.get(1).get("id").asLong()));
        List<String> kept = List.of(dumps.get(1), dumps.get(1) + ".json", dumps.get(2), dumps.get(2) + ".json");
        assertEquals(kept, localFiles());
        assertEquals(kept, offsiteFiles());
    }

    @Test
    void aKilledBackupsPartialIsRemovedByTheNextRunAndAForeignFileIsLeft() throws Exception {
        commit(manifest(policy()));
        Path folder = Files.createDirectories(target.resolve(POLICY));
        Path partial = Files.writeString(folder.resolve(".main-db-20260101T030000Z.dump.partial"), "half a dump");
        Path partialSidecar = Files.writeString(folder.resolve(".main-db-20260101T030000Z.dump.json.partial"), "{");
        Path foreign = Files.writeString(folder.resolve("notes.txt"), "the operator's\n");
        Path othersPartial = Files.writeString(folder.resolve(".other-db-20260101T030000Z.dump.partial"), "not ours");

        Cli run = backupRun();

        assertEquals(0, run.exit(), run.toString());
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(partialSidecar));
        assertEquals("the operator's\n", Files.readString(foreign));
        assertTrue(Files.exists(othersPartial), "another policy's temp name is not this one's to remove");
        JsonNode list = list();
        assertEquals(1, list.size(), list.toString());
        assertFalse(list.toString().contains(".partial"), list.toString());
    }

    @Test
    void anUnknownPolicyIsAnErrorNamingTheManifestsPolicies() throws Exception {
        commit(manifest(policy()));

        Cli run = driftless(List.of("backup", "run", "nope"));

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("has no backup nope; it has main-db"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aManifestWithoutBackupsIsAnErrorSayingWhatToAdd() {
        commit("version: 1\n");

        Cli run = driftless(List.of("backup", "run"));

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("has no backups: add a backups: section to driftless.yaml"), run.err());
    }

    @Test
    void backupListNeedsOnlyTheLedgerAndTakesTheFlagsOfReconcile() throws Exception {
        commit(manifest(policy()));
        assertEquals(0, backupRun().exit());

        Cli bare = raw("backup", "list", "--state-dir", state.toString());
        Cli flags = driftless(List.of("backup", "list"), "--branch", "main", "--time-zone", "Europe/Berlin");

        assertEquals(0, bare.exit(), bare.toString());
        List<String> lines = bare.out().lines().toList();
        assertEquals(2, lines.size(), bare.out());
        assertTrue(lines.get(0).startsWith("ID     NAME         KIND "), bare.out());
        assertTrue(lines.get(1).startsWith("#1     main-db      manual "), bare.out());
        assertTrue(lines.get(1).contains(" copied "), bare.out());
        assertEquals(0, flags.exit(), flags.toString());
        assertEquals(bare.out(), flags.out());
    }

    @Test
    void anRcloneRemoteGetsTheCopy() throws Exception {
        try (WebdavRemote webdav = WebdavRemote.start(tmp.resolve("rclone"))) {
            commit(manifest(policy("offsite: {rclone: \"offsite:backups\"}")));

            Cli run = backupRun("--rclone-config", webdav.config.toString());

            assertEquals(0, run.exit(), run.toString());
            JsonNode b = list().get(0);
            assertEquals("copied", b.get("offsite").get("state").asText(), b.toString());
            assertEquals("rclone:offsite:backups", b.get("offsite").get("remote").asText(), b.toString());
            Path dump = Path.of(b.get("file").asText());
            Path copy = webdav.served.resolve("backups").resolve(POLICY).resolve(dump.getFileName());
            assertEquals(sha256(dump), sha256(copy));
        }
    }

    /** A url: policy reaches PostgreSQL with the host's client programs; Docker has no part in it. */
    @Test
    void aUrlPolicyBacksUpWhileDockerIsUnreachable() throws Exception {
        commit(manifest(policy()));
        environment = Map.of("DOCKER_HOST", "unix://" + tmp.resolve("no-docker.sock"));

        Cli run = backupRun();

        assertEquals(0, run.exit(), run.toString());
        assertEquals(1, list().size());
    }
}
