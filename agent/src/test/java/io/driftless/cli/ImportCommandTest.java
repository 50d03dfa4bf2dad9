package io.driftless.cli;

import io.driftless.desired.compose.ComposeTranslatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.driftless.cli.CommandLineTest.driftless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code driftless import compose}: written and valid, or refused with positions and nothing written. */
class ImportCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTranslatableFileIsWrittenAndValidates() throws Exception {
        Path compose = Files.writeString(dir.resolve("docker-compose.yml"), ComposeTranslatorTest.APP_AND_DB);
        Path out = dir.resolve("driftless.yaml");

        CommandLineTest.Run run = driftless(Map.of(), "import", "compose", compose.toString(), "-o", out.toString());

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(0, driftless(Map.of(), "validate", dir.toString()).exit());
    }

    @Test
    void aRefusalWritesNothingAndExits2UnlessPartial() throws Exception {
        Path compose = Files.writeString(dir.resolve("docker-compose.yml"),
                "services:\n  web:\n    image: nginx:1.27\n    container_name: web\n");
        Path out = dir.resolve("driftless.yaml");

        CommandLineTest.Run run = driftless(Map.of(), "import", "compose", compose.toString(), "-o", out.toString());

        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(compose + ":4:5: service web: container_name is refused"), run.err());
        assertFalse(Files.exists(out));

        CommandLineTest.Run partial = driftless(Map.of(), "import", "compose", compose.toString(), "-o", out.toString(), "--partial");

        assertEquals(1, partial.exit(), partial.err());
        assertEquals(0, driftless(Map.of(), "validate", out.toString()).exit());
        assertEquals(2, driftless(Map.of(), "import", "compose", compose.toString(), "-o", out.toString()).exit());
    }
}
