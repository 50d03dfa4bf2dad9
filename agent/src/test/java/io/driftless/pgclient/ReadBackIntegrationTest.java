package io.driftless.pgclient;

import io.driftless.testing.ScratchDatabase;
import io.driftless.backup.DumpResult;
import io.driftless.backup.DumpStep;
import io.driftless.backup.PgCommands;
import io.driftless.backup.ReadBack;
import io.driftless.testing.Integration;
import io.driftless.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read-back step on a real custom-format dump, whole and cut in half. */
@Integration
class ReadBackIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void aTruncatedDumpFailsTheReadBackThatListAlonePasses() throws Exception {
        PgCommands fifteen = new PgCommands(PgCommands.DEBIAN_ROOT, 15);
        ReadBack readBack = new ReadBack(new ProcessPgTools(), fifteen, Duration.ofMinutes(2));
        Path whole = dir.resolve("whole.dump");
        try (ScratchDatabase db = ScratchDatabase.create()) {
            db.sql(db.role, "create table events (id int primary key, body text)",
                    "insert into events select g, md5(g::text) || md5((g * 7)::text) from generate_series(1, 20000) g");
            ProcessBuilder dump = new ProcessBuilder(fifteen.dump(db.connection())).redirectOutput(whole.toFile());
            dump.environment().put("PGPASSWORD", db.password);
            Programs.run(dump, "pg_dump of the scratch database");
        }
        assertEquals(Optional.empty(), readBack.check(whole));

        Path truncated = dir.resolve("truncated.dump");
        Files.copy(whole, truncated, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel channel = FileChannel.open(truncated, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(whole) / 2);
        }
        Programs.run(new ProcessBuilder(fifteen.pgRestore().toString(), "--list", truncated.toString()),
                "pg_restore --list of the truncated dump (it reads only the table of contents, so it passes)");

        DumpResult.Failed failed = readBack.check(truncated).orElseThrow(() -> new AssertionError("a truncated dump passed"));

        assertEquals(DumpStep.READ_BACK, failed.step());
        assertTrue(failed.reason().startsWith("the dump truncated.dump cannot be read back whole: pg_restore exited 1: "),
                failed.reason());
    }
}
