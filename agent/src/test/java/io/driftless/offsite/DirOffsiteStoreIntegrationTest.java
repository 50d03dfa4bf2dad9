package io.driftless.offsite;

import io.driftless.backup.DumpResult;
import io.driftless.backup.OffsiteCopy;
import io.driftless.backup.OffsiteResult;
import io.driftless.backup.OffsiteStep;
import io.driftless.backup.StoredBackups;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The folder store on the real file system: the rename, the fsyncs and a damaged copy. */
@Integration
class DirOffsiteStoreIntegrationTest {
    static final Instant AT = Instant.parse("2026-03-01T02:00:00Z");
    static final byte[] DUMP = "PGDMP pretend custom-format dump\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path local;
    @TempDir
    Path mount;

    @Test
    void aCopyIsReadBackWholeUnderItsOwnName() throws IOException {
        DumpResult.Stored stored = StoredBackups.write(local, "main-db", AT, DUMP);
        DirOffsiteStore store = new DirOffsiteStore(mount.resolve("main-db"));

        OffsiteResult.Copied copied = assertInstanceOf(OffsiteResult.Copied.class, new OffsiteCopy(store).copy(stored));

        Path copy = mount.resolve("main-db/main-db-20260301T020000Z.dump");
        assertEquals(copy.toString(), copied.remotePath());
        assertEquals(stored.facts().sha256(), copied.sha256());
        assertArrayEquals(DUMP, Files.readAllBytes(copy));
        assertEquals(List.of("main-db-20260301T020000Z.dump", "main-db-20260301T020000Z.dump.json"), store.list());
        try (var left = Files.list(mount.resolve("main-db"))) {
            assertEquals(2, left.count(), "no temp file is left beside the copies");
        }
    }

    @Test
    void aCopyDamagedAfterItWasMadeIsDetected() throws IOException {
        DumpResult.Stored stored = StoredBackups.write(local, "main-db", AT, DUMP);
        DirOffsiteStore store = new DirOffsiteStore(mount.resolve("main-db"));
        assertInstanceOf(OffsiteResult.Copied.class, new OffsiteCopy(store).copy(stored));
        Corrupt.flipAByte(mount.resolve("main-db/main-db-20260301T020000Z.dump"));

        OffsiteResult.Failed failed = assertInstanceOf(OffsiteResult.Failed.class, new OffsiteCopy(store).verify(stored));

        assertEquals(OffsiteStep.COMPARE, failed.step());
        assertArrayEquals(DUMP, Files.readAllBytes(stored.file()), "the local backup is untouched");
    }
}
