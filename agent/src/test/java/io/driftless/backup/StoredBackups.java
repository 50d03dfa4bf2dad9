package io.driftless.backup;

import io.driftless.io.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A stored backup on disk as {@link OneBackup} leaves one, for tests that take it further (offsite). */
public final class StoredBackups {
    private StoredBackups() {
    }

    public static DumpResult.Stored write(Path target, String policy, Instant at, byte[] content) throws IOException {
        BackupFiles files = BackupFiles.of(target, policy, at);
        Files.createDirectories(files.folder());
        Files.write(files.dump(), content);
        Sidecar facts = new Sidecar(policy, files.dump().getFileName().toString(), files.at(), content.length,
                Sha256.of(files.dump()), "16.4", "16.4", Duration.ofSeconds(1),
                List.of(new PgServer.TableEstimate("public", "users", 3)), "0123abc");
        Files.writeString(files.sidecar(), facts.json(), StandardCharsets.UTF_8);
        return new DumpResult.Stored(files.dump(), files.sidecar(), facts);
    }
}
