package io.driftless.backup;

import io.driftless.ledger.BackupRecord;
import io.driftless.ledger.Offsite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of {@link BackupRunner}: what an interrupted backup left, and which ledger rows rotation may touch. */
class BackupRunnerTest {
    static final Instant AT = Instant.parse("2026-03-01T03:00:00Z");

    @TempDir
    Path target;

    @Test
    void leftoversAreOnlyThePolicysOwnTempNamesInItsOwnFolder() throws Exception {
        Path folder = Files.createDirectories(target.resolve("main-db"));
        Path other = Files.createDirectories(target.resolve("other-db"));
        List<String> ours = List.of(".main-db-20260301T030000Z.dump.partial", ".main-db-20260301T030000Z.dump.json.partial");
        for (String name : ours) {
            Files.writeString(folder.resolve(name), "half");
        }
        List<String> theirs = List.of("main-db-20260301T030000Z.dump", "main-db-20260301T030000Z.dump.json", "notes.txt",
                ".other-db-20260301T030000Z.dump.partial", ".main-db-2026-03-01.dump.partial", "main-db-20260301T030000Z.dump.partial",
                ".main-db-20260301T030000Z.dump.partial.bak");
        for (String name : theirs) {
            Files.writeString(folder.resolve(name), "keep me");
        }
        Files.writeString(other.resolve(".other-db-20260301T030000Z.dump.partial"), "another policy's run");
        Files.createDirectory(folder.resolve(".main-db-20260301T040000Z.dump.partial"));

        List<String> removed = BackupRunner.removeLeftovers(target, "main-db");

        assertEquals(ours.stream().sorted().toList(), removed.stream().sorted().toList());
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(Stream.concat(theirs.stream(), Stream.of(".main-db-20260301T040000Z.dump.partial")).sorted().toList(),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "anything else is left, a folder too");
        }
        assertTrue(Files.exists(other.resolve(".other-db-20260301T030000Z.dump.partial")));
    }

    @Test
    void aPolicyWithoutAFolderHasNoLeftovers() {
        assertEquals(List.of(), BackupRunner.removeLeftovers(target, "main-db"));
    }

    @Test
    void aRowIsTheAgentsOwnOnlyWithItsOwnNameInItsOwnFolder() {
        Path folder = target.resolve("main-db");

        assertTrue(recorded(folder.resolve("main-db-20260301T030000Z.dump"), folder).own());
        assertFalse(recorded(target.resolve("elsewhere/main-db-20260301T030000Z.dump"), folder).own(), "another folder");
        assertFalse(recorded(folder.resolve("dump-by-hand.sql"), folder).own(), "a name the agent never writes");
        assertFalse(recorded(folder.resolve("other-db-20260301T030000Z.dump"), folder).own(), "another policy's name");
        assertFalse(recorded(folder.resolve(".main-db-20260301T030000Z.dump.partial"), folder).own(), "a temp name");
    }

    @Test
    void aRowKeepsItsIdKindTimeAndVerification() {
        Path folder = target.resolve("main-db");
        BackupRecord row = new BackupRecord(7, "main-db", io.driftless.ledger.BackupKind.PRE_RESTORE, AT,
                folder.resolve("main-db-20260301T030000Z.dump").toString(), 10, "ab", false, new Offsite(Offsite.FAILED, "dir:/x"));

        assertEquals(new RecordedBackup(7, BackupKind.PRE_RESTORE, AT, false, true), BackupRunner.recorded(row, folder, "main-db"));
    }

    static RecordedBackup recorded(Path file, Path folder) {
        return BackupRunner.recorded(new BackupRecord(1, "main-db", io.driftless.ledger.BackupKind.MANUAL, AT, file.toString(), 10,
                "ab", true, null), folder, "main-db");
    }
}
