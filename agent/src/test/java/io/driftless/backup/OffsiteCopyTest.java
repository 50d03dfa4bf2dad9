package io.driftless.backup;

import io.driftless.io.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsiteCopyTest {
    static final Instant AT = Instant.parse("2026-03-01T02:00:00Z");
    static final byte[] DUMP = "PGDMP custom format, whole".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path target;

    @Test
    void aCopyThatReadsBackTheSameIsCopied() throws IOException {
        DumpResult.Stored stored = StoredBackups.write(target, "main-db", AT, DUMP);
        BytesStore store = new BytesStore();

        OffsiteResult.Copied copied = assertInstanceOf(OffsiteResult.Copied.class, new OffsiteCopy(store).copy(stored));

        assertEquals("bytes:main-db-20260301T020000Z.dump", copied.remotePath());
        assertEquals(stored.facts().sha256(), copied.sha256());
        assertEquals(List.of("main-db-20260301T020000Z.dump", "main-db-20260301T020000Z.dump.json"), store.list());
    }

    @Test
    void aCopyThatFailsIsAFailedCopyStepAndTheLocalBackupStays() throws IOException {
        DumpResult.Stored stored = StoredBackups.write(target, "main-db", AT, DUMP);
        BytesStore store = new BytesStore() {
            @Override
            public String put(Path file, String name) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        OffsiteResult.Failed failed = assertInstanceOf(OffsiteResult.Failed.class, new OffsiteCopy(store).copy(stored));

        assertEquals(OffsiteStep.COPY, failed.step());
        assertEquals("offsite copy failed: cannot copy main-db-20260301T020000Z.dump offsite: No space left on device", failed.message());
        assertArrayEquals(DUMP, Files.readAllBytes(stored.file()));
        assertEquals(stored.facts().json(), Files.readString(stored.sidecar()));
    }

    @Test
    void aCopyDamagedAfterUploadFailsTheChecksum() throws IOException {
        DumpResult.Stored stored = StoredBackups.write(target, "main-db", AT, DUMP);
        BytesStore store = new BytesStore();
        new OffsiteCopy(store).copy(stored);
        store.bytes.get("main-db-20260301T020000Z.dump")[3] ^= 1;

        OffsiteResult.Failed failed = assertInstanceOf(OffsiteResult.Failed.class, new OffsiteCopy(store).verify(stored));

        assertEquals(OffsiteStep.COMPARE, failed.step());
        assertTrue(failed.reason().startsWith("the offsite copy of main-db-20260301T020000Z.dump has sha256 "), failed.reason());
        assertArrayEquals(DUMP, Files.readAllBytes(stored.file()));
    }

    @Test
    void aMissingCopyIsAFailedReadBack() throws IOException {
        DumpResult.Stored stored = StoredBackups.write(target, "main-db", AT, DUMP);

        OffsiteResult.Failed failed = assertInstanceOf(OffsiteResult.Failed.class, new OffsiteCopy(new BytesStore()).verify(stored));

        assertEquals(OffsiteStep.READ_BACK, failed.step());
    }

    /** The port kept in memory, bytes and all, so a test can damage a copy. */
    static class BytesStore implements OffsiteStore {
        final Map<String, byte[]> bytes = new HashMap<>();

        @Override
        public String put(Path file, String name) throws IOException {
            bytes.put(name, Files.readAllBytes(file));
            return "bytes:" + name;
        }

        @Override
        public String sha256(String name) throws IOException {
            byte[] content = bytes.get(name);
            if (content == null) {
                throw new IOException("no " + name);
            }
            return Sha256.of(new java.io.ByteArrayInputStream(content));
        }

        @Override
        public List<String> list() {
            return bytes.keySet().stream().sorted().toList();
        }

        @Override
        public void delete(String name) {
            bytes.remove(name);
        }
    }
}
