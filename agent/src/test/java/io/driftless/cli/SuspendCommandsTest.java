package io.driftless.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.driftless.cli.CommandLineTest.driftless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** suspend, resume and history through Main.execute on a SQLite ledger: what they print, their exit codes. */
class SuspendCommandsTest {
    @TempDir
    Path stateDir;

    @Test
    void suspendTwiceAndResumeTwiceSayWhatTheyFoundAndExitZero() {
        String dir = stateDir.toString();

        CommandLineTest.Run first = driftless(Map.of(), "suspend", "--state-dir", dir, "--reason", "db migration");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("Suspended since ") && first.out().contains(": db migration: from its next pass"),
                first.out());

        CommandLineTest.Run second = driftless(Map.of(), "suspend", "--state-dir", dir, "--reason", "other");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().startsWith("Already suspended since ") && second.out().contains(": db migration; "
                + "nothing changed (the reason given now is not kept)"), second.out());

        CommandLineTest.Run status = driftless(Map.of(), "status", "--state-dir", dir);
        assertTrue(status.out().startsWith("SUSPENDED:"), status.out());

        CommandLineTest.Run resumed = driftless(Map.of(), "resume", "--state-dir", dir);
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().startsWith("Resumed (it was suspended since "), resumed.out());
        CommandLineTest.Run again = driftless(Map.of(), "resume", "--state-dir", dir);
        assertEquals(0, again.exit(), again.err());
        assertEquals("Not suspended; nothing changed.\n", again.out());
    }

    @Test
    void historyOfALedgerWithoutRolloutsSaysSoAndRefusesACountBelowOne() {
        String dir = stateDir.toString();
        driftless(Map.of(), "resume", "--state-dir", dir); // creates the ledger

        CommandLineTest.Run history = driftless(Map.of(), "history", "--state-dir", dir);
        assertEquals(0, history.exit(), history.err());
        assertEquals("No rollouts yet: the agent has not changed anything on this host.\n", history.out());
        CommandLineTest.Run json = driftless(Map.of(), "history", "--state-dir", dir, "--json");
        assertEquals("[ ]\n", json.out());

        CommandLineTest.Run zero = driftless(Map.of(), "history", "--state-dir", dir, "-n", "0");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("-n must be at least 1, got 0"), zero.err());
    }

    @Test
    void historyWithoutALedgerExitsTwoAndSaysWhere() {
        CommandLineTest.Run history = driftless(Map.of(), "history", "--state-dir", stateDir.resolve("none").toString());
        assertEquals(2, history.exit(), history.out());
        assertTrue(history.err().contains(stateDir.resolve("none").toString()), history.err());
    }
}
