package io.driftless.faults;

import io.driftless.testing.AgentProcess;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.Outside;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static io.driftless.faults.AgentCrashTest.service;
import static io.driftless.faults.AgentCrashTest.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state dir (ledger and Git cache) fills up: the agent says so clearly, keeps running and keeps the host
 * as it is, the ledger is intact afterwards, and once there is room again it converges. The state dir is a
 * small tmpfs of its own (needs root, like the rest of the suite's dockerd), unmounted after the test.
 */
@Integration
class DiskFullTest {
    static final Duration CONVERGE = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    E2eHost host;
    AgentProcess agent;
    boolean mounted;

    @BeforeEach
    void stateDirOnASmallTmpfs(TestInfo info) throws Exception {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
        Files.createDirectories(host.stateDir);
        run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", host.stateDir.toString());
        mounted = true;
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (agent != null) {
            agent.close();
            agent.waitForExit(Duration.ofSeconds(10));
        }
        if (mounted) {
            run("umount", host.stateDir.toString());
        }
        host.close();
    }

    @Test
    void aFullStateDirIsReportedTheLedgerSurvivesAndTheAgentConvergesOnceThereIsRoom() throws Exception {
        String v1 = host.commit("web v1", host.manifest(service("v1", "", "")));
        agent = AgentProcess.run(host);
        agent.await("v1 applied", CONVERGE, () -> v1.equals(lastApplied()));

        Path filler = host.stateDir.resolve("filler");
        fill(filler);
        String tip = host.commit("web v2", host.manifest(service("v2", "", "")));
        agent.await("the agent to hit the full disk", CONVERGE, () -> agent.log().contains("is full (")
                || agent.log().contains("No space left on device") || agent.log().contains("SQLITE_FULL"));
        sleep(3000); // a few more passes on a full disk
        assertTrue(agent.alive(), "the agent keeps running on a full disk");
        assertTrue(agent.log().contains("the disk holding " + host.stateDir + " is full"), "the error says what is wrong");
        assertEquals(List.of("blue v1"), host.services().get("web"), "the host is left as it was");
        assertEquals("app v1", host.get("/"));
        assertEquals("ok", integrityCheck(), "the ledger is not corrupt while the disk is full");

        Files.delete(filler);

        agent.await("the agent to converge once there is room", CONVERGE, () -> tip.equals(lastApplied()));
        assertEquals(List.of("green v2"), host.services().get("web"));
        assertEquals("ok", integrityCheck());
    }

    private String lastApplied() {
        return Outside.lastApplied(host);
    }

    /** SQLite's own check of the whole file, on a connection of its own, as an operator would run it. */
    private String integrityCheck() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + host.stateDir.resolve("ledger.db"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }

    private static void fill(Path file) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), "filled: " + full);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (this test needs root for a tmpfs): " + out);
        }
    }
}
