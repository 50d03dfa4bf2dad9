package io.driftless.cli;

import io.driftless.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's contract: exit codes, what it prints, where flags come from. No Docker needed. */
class CommandLineTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run driftless(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void validateOfTheBundledExampleIsClean() {
        Path example = Path.of(System.getProperty("driftless.projectRoot", "..")).resolve("manifests-example");

        Run run = driftless(Map.of(), "validate", example.toString());

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("", run.out());
    }

    @Test
    void validatePrintsEveryErrorWithItsPositionAndExitsTwo() throws Exception {
        Files.writeString(dir.resolve("driftless.yaml"), """
                version: 1
                services:
                  web:
                    imgae: acme/web:1
                    port: 8080
                    health: {path: /healthz, interval: soon}
                """);

        Run run = driftless(Map.of(), "validate", dir.toString());

        assertEquals(2, run.exit());
        String[] lines = run.out().strip().split("\n");
        assertTrue(lines.length >= 2, run.out());
        assertTrue(run.out().contains("driftless.yaml:4:5:"), run.out());
        assertTrue(run.out().contains("image"), "suggests the right key: " + run.out());
        assertTrue(run.out().contains("driftless.yaml:6:"), run.out());
    }

    @Test
    void validateOfAMissingFolderSaysSo() {
        Run run = driftless(Map.of(), "validate", dir.resolve("nope").toString());

        assertEquals(2, run.exit());
        assertTrue(run.out().contains("nope"), run.out());
    }

    @Test
    void statusWithoutALedgerIsAnErrorThatNamesTheStateDir() {
        Run run = driftless(Map.of(), "status", "--state-dir", dir.resolve("state").toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("no ledger in " + dir.resolve("state")), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace for an expected failure: " + run.err());
    }

    @Test
    void aLedgerThatIsNeitherSqliteNorAPostgresUrlIsAUsageError() {
        Run run = driftless(Map.of(), "status", "--ledger", "mysql://db/ledger", "--state-dir", dir.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--ledger") && run.err().contains("mysql://db/ledger"), run.err());
    }

    @Test
    void anUnreachablePostgresLedgerIsOneLineNamingTheUrl() {
        // Nothing listens on port 1 of the loopback: refused at once, no server needed.
        String url = "jdbc:postgresql://127.0.0.1:1/driftless?user=agent";
        Run run = driftless(Map.of(), "status", "--ledger", url, "--state-dir", dir.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("error: cannot read the ledger " + url + ": "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void aPasswordInThePostgresLedgerUrlIsRefusedAndNotEchoed() {
        Run run = driftless(Map.of(), "status", "--ledger", "jdbc:postgresql://127.0.0.1:1/d?password=hunter2",
                "--state-dir", dir.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--ledger-password-file"), run.err());
        assertFalse(run.err().contains("hunter2"), run.err());
    }

    @Test
    void reconcileWithoutARepoIsAUsageError() {
        Run run = driftless(Map.of(), "reconcile", "--state-dir", dir.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--repo"), run.err());
    }

    @Test
    void flagsComeFromTheEnvironmentThenTheConfigFileAndAFlagWins() throws Exception {
        Path config = dir.resolve("driftless.conf");
        Files.writeString(config, "state-dir = /from/file\ninterval = 45s\nbranch = from-file\n");
        EnvironmentDefaults defaults = new EnvironmentDefaults(Map.of("DRIFTLESS_STATE_DIR", "/from/env"), config);
        picocli.CommandLine cli = new picocli.CommandLine(new ReconcileCommand(null)); // parsed, never called
        cli.setDefaultValueProvider(defaults);

        cli.parseArgs("--repo", "file:///r.git", "--branch", "from-flag");
        ReconcileCommand command = cli.getCommand();

        assertEquals(Path.of("/from/env"), command.options.stateDir, "environment before file");
        assertEquals(java.time.Duration.ofSeconds(45), command.options.interval, "file before built-in default");
        assertEquals("from-flag", command.options.branch, "a flag wins");
        assertEquals("driftless", command.options.instance, "built-in default last");
        assertEquals("DRIFTLESS_CADDY_ADMIN", EnvironmentDefaults.variableFor("--caddy-admin"));
    }

    @Test
    void aTokenInTheRepoUrlIsRefusedAndNotEchoed() {
        Run run = driftless(Map.of(), "reconcile", "--repo", "https://ghp_secret123@git.example.com/acme/deploy.git",
                "--state-dir", dir.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--git-token-file"), run.err());
        assertTrue(!run.err().contains("ghp_secret123"), "the token is not printed: " + run.err());
        assertTrue(run.err().contains("https://git.example.com/acme/deploy.git"), run.err());
    }

    @Test
    void reconcileWhileTheAgentRunsSaysHowToAskTheRunningAgent() throws Exception {
        try (HostLock running = HostLock.acquire(dir, "cli-test-" + ProcessHandle.current().pid())) {
            Run run = driftless(Map.of(), "reconcile", "--repo", "file:///r.git", "--state-dir", dir.toString(), "--retry",
                    "--instance", "cli-test-" + ProcessHandle.current().pid());

            assertEquals(2, run.exit());
            assertTrue(run.err().contains("another driftless agent"), run.err());
            assertTrue(run.err().contains("curl -X POST 'http://127.0.0.1:7878/reconcile?wait=true&retry=true'"), run.err());
        }
    }

    @Test
    void aSecondAgentOfTheSameInstanceIsRefusedEvenWithAnotherStateDir() throws Exception {
        String instance = "cli-test-i-" + ProcessHandle.current().pid();
        try (HostLock running = HostLock.acquire(dir.resolve("a"), instance)) {
            Run run = driftless(Map.of(), "reconcile", "--repo", "file:///r.git", "--state-dir", dir.resolve("b").toString(),
                    "--instance", instance);

            assertEquals(2, run.exit());
            assertTrue(run.err().contains("runs as instance '" + instance + "' on this host"), run.err());
        }
        try (HostLock free = HostLock.acquire(dir.resolve("b"), instance)) {
            assertTrue(free != null, "both locks are released when the first agent stops");
        }
    }

    @Test
    void badDurationFlagIsRejectedWithAnExample() {
        Run run = driftless(Map.of(), "reconcile", "--repo", "file:///r.git", "--interval", "5 seconds", "--state-dir", dir.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("5s") || run.err().contains("1m30s"), run.err());
    }

    @Test
    void anEmptyGitTokenInTheEnvironmentMapStopsTheCommandNamingTheVariable() {
        Run run = driftless(Map.of("DRIFTLESS_GIT_TOKEN", " "), "plan", "--repo", "https://git.example.com/acme/deploy.git",
                "--state-dir", dir.resolve("state").toString());

        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("the environment variable DRIFTLESS_GIT_TOKEN that should hold the Git access token is empty"),
                run.err());
    }

    @Test
    void debugFromTheEnvironmentMapPrintsTheStackTrace() {
        Run quiet = driftless(Map.of(), "status", "--state-dir", dir.resolve("state").toString());
        Run debug = driftless(Map.of("DRIFTLESS_DEBUG", "1"), "status", "--state-dir", dir.resolve("state").toString());

        assertFalse(quiet.err().contains("\tat "), quiet.err());
        assertTrue(debug.err().startsWith(quiet.err()), "the same line first: " + debug.err());
        assertTrue(debug.err().contains("\tat "), debug.err());
    }

    @Test
    void configFileNamedByTheEnvironmentIsRead() throws Exception {
        Path config = dir.resolve("c.conf");
        Files.writeString(config, "repo = file:///x.git\n");

        assertEquals(config, EnvironmentDefaults.configFile(new String[]{"run"}, Map.of("DRIFTLESS_CONFIG", config.toString())));
        assertEquals(Path.of("/a.conf"), EnvironmentDefaults.configFile(new String[]{"run", "--config", "/a.conf"}, Map.of("DRIFTLESS_CONFIG", config.toString())));
    }
}
