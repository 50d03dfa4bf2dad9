package io.driftless.pgclient;

import io.driftless.backup.PgTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessPgToolsTest {
    @TempDir
    Path dir;

    @Test
    void theChildGetsTheGivenEnvironmentItsStdoutGoesToTheFileAndStderrAndStatusComeBack() throws Exception {
        Path out = dir.resolve("out");

        PgTools.Run run = new ProcessPgTools().run(List.of("/bin/sh", "-c", "printf %s \"$PGPASSFILE\"; echo denied >&2; exit 3"),
                Map.of("PGPASSFILE", "/private/pgpass"), Optional.empty(), out, Duration.ofMinutes(1));

        assertEquals(new PgTools.Run(3, "denied\n", false), run);
        assertEquals("/private/pgpass", Files.readString(out));
        assertEquals("pg_dump exited 3: denied", run.describe("pg_dump", Duration.ofMinutes(1)));
    }

    @Test
    void theChildReadsItsStdinFromTheFile() throws Exception {
        Path in = Files.writeString(dir.resolve("in"), "PGDMP of a dump");
        Path out = dir.resolve("out");

        PgTools.Run run = new ProcessPgTools().run(List.of("/bin/cat"), Map.of(), Optional.of(in), out, Duration.ofMinutes(1));

        assertEquals(new PgTools.Run(0, "", false), run);
        assertEquals("PGDMP of a dump", Files.readString(out));
    }

    @Test
    void aProgramIsInstalledWhenItIsAnExecutableFileOnThisHost() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "");

        assertTrue(new ProcessPgTools().installed(Path.of("/bin/sh")));
        assertEquals(false, new ProcessPgTools().installed(plain));
        assertEquals(false, new ProcessPgTools().installed(dir.resolve("missing")));
    }

    @Test
    void aProgramPastItsTimeoutIsStoppedAndSaysSo() throws Exception {
        PgTools.Run run = new ProcessPgTools().run(List.of("/bin/sleep", "600"), Map.of(), Optional.empty(), dir.resolve("out"),
                Duration.ofMillis(100));

        assertTrue(run.timedOut());
        assertEquals("pg_dump did not finish within 0s and was stopped", run.describe("pg_dump", Duration.ofMillis(100)));
    }
}
