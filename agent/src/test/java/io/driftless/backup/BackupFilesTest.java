package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackupFilesTest {
    private final BackupFiles files = BackupFiles.of(Path.of("/var/backups/driftless"), "app",
            Instant.parse("2026-03-29T01:30:05.987Z"));

    @Test
    void theDumpIsNamedByItsPolicyAndItsUtcTimeToTheSecondInThePolicysFolder() {
        assertEquals(Path.of("/var/backups/driftless/app/app-20260329T013005Z.dump"), files.dump());
        assertEquals(Instant.parse("2026-03-29T01:30:05Z"), files.at());
    }

    @Test
    void theTempFileIsHiddenInTheSameFolderSoTheRenameIsAtomic() {
        assertEquals(Path.of("/var/backups/driftless/app/.app-20260329T013005Z.dump.partial"), files.partial());
        assertEquals(files.dump().getParent(), files.partial().getParent());
    }

    @Test
    void theSidecarSitsBesideTheDumpAndIsWrittenUnderAHiddenNameFirst() {
        assertEquals(Path.of("/var/backups/driftless/app/app-20260329T013005Z.dump.json"), files.sidecar());
        assertEquals(Path.of("/var/backups/driftless/app/.app-20260329T013005Z.dump.json.partial"), files.partialSidecar());
    }
}
