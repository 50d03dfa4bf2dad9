package io.driftless.backup;

import io.driftless.io.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/** A stored backup is restored only while its file is there and is still the one its sidecar describes. */
final class Unchanged {
    private Unchanged() {
    }

    /**
     * Why {@code backup} may not be restored, or empty when it may.
     *
     * @param called how the reason names it: {@code the newest verified backup}
     */
    static Optional<String> problem(DumpResult.Stored backup, String called) {
        if (!Files.isRegularFile(backup.file())) {
            return Optional.of(called + " " + backup.file() + " is gone");
        }
        String sha256;
        try {
            sha256 = Sha256.of(backup.file());
        } catch (IOException e) {
            return Optional.of("cannot read " + backup.file() + ": " + e.getMessage());
        }
        if (!sha256.equals(backup.facts().sha256())) {
            return Optional.of(backup.file() + " has sha256 " + sha256 + " and its sidecar records "
                    + backup.facts().sha256() + ": the file changed after it was verified");
        }
        return Optional.empty();
    }
}
