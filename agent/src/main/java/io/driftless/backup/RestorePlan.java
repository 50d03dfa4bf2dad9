package io.driftless.backup;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What a break-glass restore would do, worked out without touching anything (the mode without {@code --yes}).
 *
 * @param target         the database that would be replaced
 * @param backup         the dump that would be restored, taken at {@code backupAt}
 * @param preRestoreInto the folder the pre-restore backup of {@code target} would be written to
 * @param scratch        the database the dump would be restored into first
 * @param replacedKeptAs the name the old target would be kept under
 */
public record RestorePlan(String target, Path backup, Instant backupAt, Path preRestoreInto, String scratch,
                          String replacedKeptAs) {

    SwapSql swap() {
        return new SwapSql(target, scratch, replacedKeptAs);
    }
}
