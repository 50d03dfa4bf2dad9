package io.driftless.ledger.sql;

import io.driftless.events.Reason;
import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.ledger.Ledger;
import io.driftless.ledger.LedgerException;
import io.driftless.testing.Integration;
import io.driftless.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} by a user who may read the ledger but not write its folder (an operator without sudo). The folder
 * is made unwritable the one way that holds for root too: a small tmpfs of its own, remounted read-only.
 */
@Integration
class LedgerReadOnlyFolderTest {
    @TempDir
    Path tmp;
    private Path stateDir;
    private boolean mounted;

    @BeforeEach
    void mount() throws Exception {
        stateDir = Files.createDirectory(tmp.resolve("state"));
        Programs.run(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", stateDir.toString()),
                "mounting a tmpfs on " + stateDir + " (the suite runs as root)");
        mounted = true;
    }

    @AfterEach
    void unmount() {
        if (mounted) {
            Programs.run(new ProcessBuilder("umount", stateDir.toString()), "unmounting " + stateDir);
        }
    }

    @Test
    void theLedgerOfAStoppedAgentIsReadFromAFolderThisUserMayNotWrite() {
        try (Ledger agent = SqlLedger.open(stateDir)) {
            agent.recordApplied(sha('a'), at(0));
            agent.recordFailed(sha('b'), Reason.HEALTH_GATE_FAILED, "web: HTTP 500", at(1));
        }
        readOnly();

        try (Ledger status = SqlLedger.openReadOnly(stateDir)) {
            assertEquals(Optional.of(sha('a')), status.lastApplied());
            assertEquals(sha('b'), status.failedRevisions().getFirst().revision());
        }
        assertFalse(Files.exists(stateDir.resolve("ledger.db-shm")));
    }

    @Test
    void aLedgerThatCannotBeReadThereSaysToUseSudoOrTheEndpointInOneLine() throws Exception {
        // A running agent's ledger, copied mid-life: the main file and its write-ahead log, which SQLite can only
        // read with a -shm file it would have to create.
        Path elsewhere = Files.createDirectory(tmp.resolve("running"));
        try (Ledger agent = SqlLedger.open(elsewhere)) {
            agent.recordApplied(sha('a'), at(0));
            for (String name : new String[] {"ledger.db", "ledger.db-wal"}) {
                Files.copy(elsewhere.resolve(name), stateDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        readOnly();

        LedgerException e = assertThrows(LedgerException.class, () -> SqlLedger.openReadOnly(stateDir));

        assertTrue(e.getMessage().startsWith("cannot read the ledger " + stateDir.resolve("ledger.db") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("run it as the agent's user (sudo), or ask the running agent for GET /status"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private void readOnly() {
        Programs.run(new ProcessBuilder("mount", "-o", "remount,ro", stateDir.toString()), "remounting " + stateDir + " read-only");
        assertFalse(Files.isWritable(stateDir));
    }
}
