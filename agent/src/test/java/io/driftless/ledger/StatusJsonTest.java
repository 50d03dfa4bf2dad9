package io.driftless.ledger;

import io.driftless.events.Reason;
import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code status --json} is a public contract: these are the exact field names scripts rely on. */
class StatusJsonTest extends LedgerContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldNamesAreTheContract() throws Exception {
        JsonNode root = JSON.readTree(StatusJson.render(sampleFromLedger()));

        assertEquals(List.of("lastAttemptedRevision", "lastAppliedRevision", "failedRevisions", "conditions",
                "services", "observedAt", "backups", "suspended"), keys(root));
        assertEquals(List.of("revision", "reason", "message", "failedAt"), keys(root.get("failedRevisions").get(0)));
        assertEquals(List.of("type", "status", "reason", "message", "lastTransitionTime"),
                keys(root.get("conditions").get(0)));
        assertEquals(List.of("name", "image", "revision", "slot", "container", "state"),
                keys(root.get("services").get(0)));
    }

    @Test
    void backupFieldNamesAreTheContract() throws Exception {
        JsonNode root = JSON.readTree(StatusJson.render(sampleWithBackups()));

        JsonNode db = root.get("backups").get(0);
        assertEquals(List.of("name", "lastBackup", "lastFailure", "lastDrill", "lastSnapshotRestore", "nextBackupAt",
                "nextDrillAt"), keys(db));
        assertEquals(List.of("id", "at", "sizeBytes", "sha256", "verified", "offsite"), keys(db.get("lastBackup")));
        assertEquals(List.of("state", "remote"), keys(db.get("lastBackup").get("offsite")));
        assertEquals(List.of("at", "reason", "message"), keys(db.get("lastFailure")));
        assertEquals(List.of("at", "passed", "durationMs", "message"), keys(db.get("lastDrill")));
        assertTrue(db.get("lastSnapshotRestore").isNull());
        assertTrue(db.get("nextBackupAt").isNull());
        assertTrue(db.get("nextDrillAt").isNull());
    }

    @Test
    void backupValuesAreWrittenAsScriptsReadThem() throws Exception {
        JsonNode db = JSON.readTree(StatusJson.render(sampleWithBackups())).get("backups").get(0);

        assertEquals("db", db.get("name").asText());
        JsonNode last = db.get("lastBackup");
        assertEquals(1, last.get("id").asLong());
        assertEquals("2026-11-04T03:01:00Z", last.get("at").asText());
        assertEquals(1234, last.get("sizeBytes").asLong());
        assertEquals("a".repeat(64), last.get("sha256").asText());
        assertTrue(last.get("verified").isBoolean() && last.get("verified").asBoolean());
        assertEquals("copied", last.get("offsite").get("state").asText());
        assertEquals("OffsiteFailed", db.get("lastFailure").get("reason").asText());
        assertEquals(4200, db.get("lastDrill").get("durationMs").asLong());
        assertTrue(db.get("lastDrill").get("passed").asBoolean());
    }

    @Test
    void nextRunsAndTheLastSnapshotRestoreAreTheContract() throws Exception {
        try (Ledger ledger = open()) {
            long snapshot = ledger.recordBackup(new NewBackup("db", BackupKind.SNAPSHOT, at(60), "/b/db-snap.dump",
                    10, "a".repeat(64), true));
            ledger.recordSnapshotRestore(new SnapshotRestoreRecord("db", at(73).plusMillis(500), snapshot, at(60),
                    at(73).plusMillis(500), sha('c'), "web", "db_replaced_20261104T030113Z"));
            ledger.recordSchedules(List.of(new BackupSchedule("db", at(3600), null),
                    new BackupSchedule("analytics", at(1800), at(7200))));
            JsonNode backups = JSON.readTree(StatusJson.render(ledger.status())).get("backups");

            JsonNode analytics = backups.get(0);
            assertEquals("analytics", analytics.get("name").asText());
            assertEquals(List.of("name", "lastBackup", "lastFailure", "lastDrill", "lastSnapshotRestore",
                    "nextBackupAt", "nextDrillAt"), keys(analytics));
            assertTrue(analytics.get("lastBackup").isNull());
            assertTrue(analytics.get("lastSnapshotRestore").isNull());
            assertEquals("2026-11-04T03:30:00Z", analytics.get("nextBackupAt").asText());
            assertEquals("2026-11-04T05:00:00Z", analytics.get("nextDrillAt").asText());

            JsonNode db = backups.get(1);
            assertEquals("2026-11-04T04:00:00Z", db.get("nextBackupAt").asText());
            assertTrue(db.get("nextDrillAt").isNull(), "no drill scheduled");
            JsonNode restore = db.get("lastSnapshotRestore");
            assertEquals(List.of("at", "snapshotId", "writesUndoneFrom", "writesUndoneTo"), keys(restore));
            assertEquals("2026-11-04T03:01:13.500Z", restore.get("at").asText());
            assertTrue(restore.get("snapshotId").isIntegralNumber());
            assertEquals(snapshot, restore.get("snapshotId").asLong());
            assertEquals("2026-11-04T03:01:00Z", restore.get("writesUndoneFrom").asText());
            assertEquals("2026-11-04T03:01:13.500Z", restore.get("writesUndoneTo").asText());
        }
    }

    @Test
    void aStatusWithoutBackupsHasAnEmptyList() throws Exception {
        JsonNode root = JSON.readTree(StatusJson.render(sampleFromLedger()));

        assertTrue(root.get("backups").isArray() && root.get("backups").isEmpty());
    }

    @Test
    void revisionsAreFullShasAndTimesAreIsoUtc() throws Exception {
        JsonNode root = JSON.readTree(StatusJson.render(sampleFromLedger()));

        assertEquals(sha('b'), root.get("lastAttemptedRevision").asText());
        assertEquals(sha('a'), root.get("lastAppliedRevision").asText());
        JsonNode failed = root.get("failedRevisions").get(0);
        assertEquals(sha('b'), failed.get("revision").asText());
        assertEquals("HealthGateFailed", failed.get("reason").asText());
        assertEquals("web did not answer /healthz within 60s", failed.get("message").asText());
        assertEquals("2026-11-04T03:01:10Z", failed.get("failedAt").asText());
        assertEquals("2026-11-04T03:01:10.250Z", root.get("conditions").get(0).get("lastTransitionTime").asText());
        assertEquals("2026-11-04T03:01:11Z", root.get("observedAt").asText());
        assertEquals(sha('a'), root.get("services").get(0).get("revision").asText());
    }

    @Test
    void aSuspendedHostSaysSinceWhenByWhomAndWhyAndOneThatIsNotHasNull() throws Exception {
        try (Ledger ledger = open()) {
            assertTrue(JSON.readTree(StatusJson.render(ledger.status())).get("suspended").isNull());
            ledger.suspend(new Suspension(at(30), "ops@vps1", "db migration"));

            JsonNode suspended = JSON.readTree(StatusJson.render(ledger.status())).get("suspended");

            assertEquals(List.of("at", "by", "reason"), keys(suspended));
            assertEquals(at(30).toString(),
                    suspended.get("at").asText());
            assertEquals("db migration", suspended.get("reason").asText());
        }
    }

    @Test
    void absentValuesAreWrittenAsNullSoScriptsSeeEveryField() throws Exception {
        Status status = new Status(null, null, List.of(),
                List.of(new Condition("Ready", "Unknown", null, null, at(0))),
                List.of(new ServiceStatus("worker", "acme/worker:1", null, null, null, "missing")), null);

        JsonNode root = JSON.readTree(StatusJson.render(status));

        assertTrue(root.get("lastAttemptedRevision").isNull());
        assertTrue(root.get("lastAppliedRevision").isNull());
        assertTrue(root.get("observedAt").isNull());
        assertTrue(root.get("failedRevisions").isArray() && root.get("failedRevisions").isEmpty());
        assertTrue(root.get("conditions").get(0).get("reason").isNull());
        assertTrue(root.get("conditions").get(0).get("message").isNull());
        JsonNode worker = root.get("services").get(0);
        assertTrue(worker.get("slot").isNull());
        assertTrue(worker.get("container").isNull());
        assertEquals(6, keys(worker).size());
    }

    @Test
    void outputIsIndentedForPeople() {
        String json = StatusJson.render(new Status(null, sha('a'), List.of(), List.of(), List.of(), null));

        assertTrue(json.startsWith("{\n  \"lastAttemptedRevision\": null,\n  \"lastAppliedRevision\": \""), json);
    }

    private Status sampleFromLedger() {
        try (Ledger ledger = open()) {
            ledger.recordApplied(sha('a'), at(0));
            ledger.recordAttempt(sha('b'), at(10));
            ledger.recordFailed(sha('b'), Reason.HEALTH_GATE_FAILED, "web did not answer /healthz within 60s", at(70));
            ledger.setCondition(new Condition("Ready", "False", "HealthGateFailed", "web unhealthy",
                    at(70).plusMillis(250)));
            ledger.saveServices(List.of(new ServiceStatus("web", "acme/web:1", sha('a'), "blue", "web-blue",
                    "running")), at(71));
            return ledger.status();
        }
    }

    private Status sampleWithBackups() {
        try (Ledger ledger = open()) {
            long id = ledger.recordBackup(new NewBackup("db", BackupKind.SCHEDULED, at(60), "/var/backups/db.dump",
                    1234, "a".repeat(64), true));
            ledger.markOffsite(id, new Offsite(Offsite.COPIED, "dir:/mnt/offsite"));
            ledger.recordBackupFailure("db", BackupKind.SCHEDULED, Reason.OFFSITE_FAILED, "remote gone", at(120));
            ledger.recordDrill(new DrillRecord("db", at(90), true, 4200, 1234, "query returned true", id));
            return ledger.status();
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
