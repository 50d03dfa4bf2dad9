package io.driftless.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** The offsite names of one policy's backups: the same as {@link BackupFiles} gives them locally. */
public final class OffsiteNames {
    private OffsiteNames() {
    }

    /** The dump's name and its sidecar's, in the order they are deleted (the sidecar last, so a half-pruned dump stays described). */
    public static List<String> of(String policy, Instant at) {
        BackupFiles files = BackupFiles.of(Path.of("."), policy, at);
        return List.of(files.dump().getFileName().toString(), files.sidecar().getFileName().toString());
    }

    /** Whether {@code fileName} is one the agent writes for {@code policy}; anything else in the folder is not ours. */
    public static boolean owns(String policy, String fileName) {
        return Pattern.matches(Pattern.quote(policy) + "-\\d{8}T\\d{6}Z\\.dump(\\.json)?", fileName);
    }
}
