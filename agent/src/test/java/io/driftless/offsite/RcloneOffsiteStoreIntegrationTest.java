package io.driftless.offsite;

import io.driftless.testing.WebdavRemote;
import io.driftless.backup.BackupKind;
import io.driftless.backup.DumpResult;
import io.driftless.backup.KeepReason;
import io.driftless.backup.OffsiteCopy;
import io.driftless.backup.OffsitePrune;
import io.driftless.backup.OffsiteResult;
import io.driftless.backup.OffsiteStep;
import io.driftless.backup.RecordedBackup;
import io.driftless.backup.RotationDecision;
import io.driftless.backup.StoredBackups;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Debian's rclone against a real remote it serves itself on loopback (WebDAV). */
@Integration
class RcloneOffsiteStoreIntegrationTest {
    static final Instant OLD = Instant.parse("2026-03-01T02:00:00Z");
    static final Instant NEW = Instant.parse("2026-03-02T02:00:00Z");
    static final byte[] DUMP = "PGDMP pretend custom-format dump\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    RcloneOffsiteStore store(WebdavRemote remote) {
        return new RcloneOffsiteStore(RcloneCommands.of("rclone", "offsite:backups", "main-db", Optional.of(remote.config)),
                Map.of(), Duration.ofMinutes(2));
    }

    @Test
    void aCopyIsReadBackAndADamagedOneIsDetected() throws Exception {
        DumpResult.Stored stored = StoredBackups.write(dir.resolve("local"), "main-db", OLD, DUMP);
        try (WebdavRemote remote = WebdavRemote.start(dir)) {
            RcloneOffsiteStore store = store(remote);

            OffsiteResult.Copied copied = assertInstanceOf(OffsiteResult.Copied.class, new OffsiteCopy(store).copy(stored));
            assertEquals("offsite:backups/main-db/main-db-20260301T020000Z.dump", copied.remotePath());
            assertEquals(stored.facts().sha256(), copied.sha256());
            Path copy = remote.served.resolve("backups/main-db/main-db-20260301T020000Z.dump");
            assertArrayEquals(DUMP, Files.readAllBytes(copy));

            Corrupt.flipAByte(copy);
            OffsiteResult.Failed failed = assertInstanceOf(OffsiteResult.Failed.class, new OffsiteCopy(store).verify(stored));
            assertEquals(OffsiteStep.COMPARE, failed.step());
            assertArrayEquals(DUMP, Files.readAllBytes(stored.file()), "the local backup is untouched");
        }
    }

    @Test
    void aFolderNotMadeYetListsEmpty() throws Exception {
        try (WebdavRemote remote = WebdavRemote.start(dir)) {
            assertEquals(List.of(), store(remote).list());
        }
    }

    @Test
    void pruningDeletesOnlyTheAgentsOwnFilesRotationDeleted() throws Exception {
        DumpResult.Stored old = StoredBackups.write(dir.resolve("local"), "main-db", OLD, DUMP);
        DumpResult.Stored fresh = StoredBackups.write(dir.resolve("local"), "main-db", NEW, DUMP);
        try (WebdavRemote remote = WebdavRemote.start(dir)) {
            RcloneOffsiteStore store = store(remote);
            assertInstanceOf(OffsiteResult.Copied.class, new OffsiteCopy(store).copy(old));
            assertInstanceOf(OffsiteResult.Copied.class, new OffsiteCopy(store).copy(fresh));
            Path folder = remote.served.resolve("backups/main-db");
            // Through the remote, as another tool would: the server lists from its own cache, not the disk.
            Path readme = Files.writeString(dir.resolve("README.txt"), "someone else's file\n");
            store.put(readme, "README.txt");
            store.put(Files.writeString(dir.resolve("bak"), "a copy by hand\n"), "main-db-20260301T020000Z.dump.bak");

            RecordedBackup oldRecord = new RecordedBackup(1, BackupKind.SCHEDULED, OLD, true, true);
            RecordedBackup newRecord = new RecordedBackup(2, BackupKind.SCHEDULED, NEW, true, true);
            RotationDecision decision = new RotationDecision(
                    List.of(new RotationDecision.Kept(newRecord, List.of(new KeepReason.NewestVerified()))), List.of(oldRecord), Optional.empty());
            OffsitePrune.Outcome outcome = new OffsitePrune(store).prune("main-db", decision);

            assertEquals(List.of("main-db-20260301T020000Z.dump", "main-db-20260301T020000Z.dump.json"), outcome.deleted());
            assertEquals(List.of(), outcome.failed());
            assertEquals(List.of("README.txt", "main-db-20260301T020000Z.dump.bak", "main-db-20260302T020000Z.dump",
                    "main-db-20260302T020000Z.dump.json"), store.list());
            assertEquals("someone else's file\n", Files.readString(folder.resolve("README.txt")));
        }
    }
}
