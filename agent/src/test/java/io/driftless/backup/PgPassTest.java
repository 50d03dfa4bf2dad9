package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PgPassTest {
    @Test
    void thePasswordFileIsOnlyTheAgentsAndGoneAfterwards() throws Exception {
        Path folder;
        Path file;
        try (PgPass pass = PgPass.write("s3:cr\\et")) {
            folder = pass.folder();
            file = Path.of(pass.env().get("PGPASSFILE"));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("*:*:*:*:s3\\:cr\\\\et\n", Files.readString(file));
            Files.writeString(folder.resolve("version"), "left by a step");
        }
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(folder));
    }

    @Test
    void withoutAPasswordTheProgramsGetNoPassFile() throws Exception {
        try (PgPass pass = PgPass.write(null)) {
            assertEquals(java.util.Map.of(), pass.env());
        }
    }
}
