package io.driftless.cli;

import io.driftless.desired.ManifestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static io.driftless.cli.CommandLineTest.driftless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code driftless init}: a starter manifest that validates, a config file the agent reads, nothing overwritten. */
class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAManifestThatValidatesAndAConfigTheAgentReads() throws Exception {
        Path target = dir.resolve("deploy");

        CommandLineTest.Run run = driftless(Map.of(), "init", target.toString());

        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("wrote " + target.resolve("driftless.yaml")), run.out());
        assertTrue(run.out().contains("validate " + target), run.out());
        assertTrue(run.out().contains("run --repo"), run.out());
        CommandLineTest.Run validate = driftless(Map.of(), "validate", target.toString());
        assertEquals(0, validate.exit(), validate.out());
        assertEquals(1, ManifestFiles.read(target.resolve("driftless.yaml")).services().size());
        // Every line is commented: loaded, it sets no flag; uncommented, each key is a flag of `run`.
        Properties config = new Properties();
        try (FileInputStream in = new FileInputStream(target.resolve("driftless.conf").toFile())) {
            config.load(in);
        }
        assertTrue(config.isEmpty(), config.toString());
        String uncommented = Files.readString(target.resolve("driftless.conf")).replaceAll("(?m)^# (\\S+ = )", "$1");
        Properties active = new Properties();
        active.load(new java.io.StringReader(uncommented));
        assertEquals("/var/lib/driftless", active.getProperty("state-dir"));
        assertEquals("30s", active.getProperty("interval"));
    }

    @Test
    void refusesToOverwriteAndWritesNothing() throws IOException {
        Files.writeString(dir.resolve("driftless.conf"), "branch = prod\n");

        CommandLineTest.Run run = driftless(Map.of(), "init", dir.toString());

        assertEquals(2, run.exit());
        assertTrue(run.err().contains(dir.resolve("driftless.conf") + " exists already"), run.err());
        assertFalse(Files.exists(dir.resolve("driftless.yaml")));
        assertEquals("branch = prod\n", Files.readString(dir.resolve("driftless.conf")));
    }
}
