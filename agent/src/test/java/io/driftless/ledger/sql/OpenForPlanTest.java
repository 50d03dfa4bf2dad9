package io.driftless.ledger.sql;

import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.ledger.Ledger;
import io.driftless.ledger.Status;
import io.driftless.ledger.memory.MemoryLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newer binary's {@code plan} beside a running older agent: it reads the ledger and changes nothing. */
class OpenForPlanTest {
    @TempDir
    Path tmp;

    @Test
    void onAHostWithoutALedgerPlanReadsAnEmptyOneAndCreatesNothing() {
        Path stateDir = tmp.resolve("var/lib/driftless");

        assertEquals(Optional.empty(), SqlLedger.openForPlan(stateDir));
        try (Ledger ledger = new MemoryLedger()) { // what plan reads then
            assertEquals(new Status(null, null, List.of(), List.of(), List.of(), null), ledger.status());
        }
        assertTrue(Files.notExists(stateDir), "plan must not create the state dir");
    }

    @Test
    void aV1LedgerIsReadAsItIsAndNotMigrated() throws Exception {
        V1Ledger.create(tmp);
        byte[] before = Files.readAllBytes(tmp.resolve(SqliteFile.FILE_NAME));

        try (Ledger ledger = SqlLedger.openForPlan(tmp).orElseThrow()) {
            assertEquals(V1Ledger.STATUS, ledger.status());
            assertEquals(V1Ledger.ROLLOUTS, ledger.recentRollouts(10));
            assertThrows(IllegalStateException.class, () -> ledger.recordAttempt(sha('d'), at(50)));
        }

        assertArrayEquals(before, Files.readAllBytes(tmp.resolve(SqliteFile.FILE_NAME)), "the ledger file changed");
        assertEquals("1", V1Ledger.schemaVersion(tmp));
    }

    @Test
    void statusReadsALedgerAnOlderAgentWroteWithoutMigratingIt() throws Exception {
        V1Ledger.create(tmp); // the binary was upgraded while the agent is down
        byte[] before = Files.readAllBytes(tmp.resolve(SqliteFile.FILE_NAME));

        try (Ledger ledger = SqlLedger.openReadOnly(tmp)) {
            assertEquals(V1Ledger.STATUS, ledger.status());
        }

        assertArrayEquals(before, Files.readAllBytes(tmp.resolve(SqliteFile.FILE_NAME)), "the ledger file changed");
        assertEquals("1", V1Ledger.schemaVersion(tmp));
    }

    @Test
    void theAgentsCurrentLedgerIsReadWithoutAWrite() throws Exception {
        try (Ledger agent = SqlLedger.open(tmp)) {
            agent.recordApplied(sha('a'), at(0));
        }
        byte[] before = Files.readAllBytes(tmp.resolve(SqliteFile.FILE_NAME));

        try (Ledger ledger = SqlLedger.openForPlan(tmp).orElseThrow()) {
            assertEquals(Optional.of(sha('a')), ledger.lastApplied());
        }

        assertArrayEquals(before, Files.readAllBytes(tmp.resolve(SqliteFile.FILE_NAME)), "the ledger file changed");
    }

    @Test
    void statusReadsTheBackupsOfAV3LedgerWithoutMigratingIt() throws Exception {
        V1Ledger.createV3(tmp); // an agent of V3 still runs, or the binary was upgraded while it is down
        byte[] before = Files.readAllBytes(tmp.resolve(SqliteFile.FILE_NAME));

        try (Ledger ledger = SqlLedger.openReadOnly(tmp)) {
            assertEquals(List.of(V1Ledger.V3_BACKUPS), ledger.backupStatus());
            assertEquals(List.of(V1Ledger.V3_BACKUPS), ledger.status().backups());
        }

        assertArrayEquals(before, Files.readAllBytes(tmp.resolve(SqliteFile.FILE_NAME)), "the ledger file changed");
        assertEquals("3", V1Ledger.schemaVersion(tmp));
    }
}
