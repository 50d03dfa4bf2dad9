package io.driftless.offsite;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RcloneCommandsTest {
    final RcloneCommands commands = RcloneCommands.of("rclone", "b2:acme-backups", "main-db", Optional.of(Path.of("/etc/driftless/rclone.conf")));

    @Test
    void theArgvNamesPathsAndTheConfigFileOnly() {
        assertEquals(List.of("rclone", "--config", "/etc/driftless/rclone.conf", "copyto",
                "/var/backups/driftless/main-db/main-db-20260301T020000Z.dump", "b2:acme-backups/main-db/main-db-20260301T020000Z.dump"),
                commands.copyto(Path.of("/var/backups/driftless/main-db/main-db-20260301T020000Z.dump"), "main-db-20260301T020000Z.dump"));
        assertEquals(List.of("rclone", "--config", "/etc/driftless/rclone.conf", "hashsum", "sha256", "--download",
                "b2:acme-backups/main-db/main-db-20260301T020000Z.dump"), commands.hashsum("main-db-20260301T020000Z.dump"));
        assertEquals(List.of("rclone", "--config", "/etc/driftless/rclone.conf", "lsjson", "--files-only", "b2:acme-backups/main-db"),
                commands.lsjson());
        assertEquals(List.of("rclone", "--config", "/etc/driftless/rclone.conf", "deletefile",
                "b2:acme-backups/main-db/main-db-20260301T020000Z.dump.json"), commands.deletefile("main-db-20260301T020000Z.dump.json"));
    }

    @Test
    void withoutAConfigFileRcloneFindsItsOwn() {
        assertEquals(List.of("/usr/bin/rclone", "deletefile", "b2:main-db/x.dump"),
                RcloneCommands.of("/usr/bin/rclone", "b2:", "main-db", Optional.empty()).deletefile("x.dump"));
    }

    @Test
    void thePolicyFolderJoinsTheRemoteOnce() {
        assertEquals("b2:main-db", RcloneCommands.of("rclone", "b2:", "main-db", Optional.empty()).folder());
        assertEquals("b2:acme/main-db", RcloneCommands.of("rclone", "b2:acme/", "main-db", Optional.empty()).folder());
        assertEquals("b2:acme/main-db", RcloneCommands.of("rclone", "b2:acme", "main-db", Optional.empty()).folder());
    }

    @Test
    void aNameThatLeavesTheFolderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> commands.deletefile("../other/main-db-20260301T020000Z.dump"));
        assertThrows(IllegalArgumentException.class, () -> commands.deletefile(".hidden"));
        assertThrows(IllegalArgumentException.class, () -> commands.deletefile(""));
    }

    @Test
    void lsjsonGivesTheFileNamesSorted() throws IOException {
        String out = """
                [
                {"Path":"notes.txt","Name":"notes.txt","Size":3,"MimeType":"text/plain","ModTime":"2026-03-01T02:00:00Z","IsDir":false},
                {"Path":"main-db-20260301T020000Z.dump","Name":"main-db-20260301T020000Z.dump","Size":9,"IsDir":false},
                {"Path":"sub","Name":"sub","Size":-1,"IsDir":true}
                ]
                """;
        assertEquals(List.of("main-db-20260301T020000Z.dump", "notes.txt"), RcloneOffsiteStore.names(out));
        assertEquals(List.of(), RcloneOffsiteStore.names("[\n]\n"));
        assertThrows(IOException.class, () -> RcloneOffsiteStore.names("not json"));
    }
}
