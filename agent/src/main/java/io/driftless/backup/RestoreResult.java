package io.driftless.backup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one break-glass restore came to; on failure the target is as it was. */
public sealed interface RestoreResult {

    Duration duration();

    /**
     * @param preRestoreBackup the backup of the target taken first (kind {@link BackupKind#PRE_RESTORE} in the ledger)
     * @param replacedKeptAs   the name the old target now has on the same server, kept as the copy of what was replaced
     */
    record Restored(Duration duration, DumpResult.Stored preRestoreBackup, String replacedKeptAs) implements RestoreResult {
        public Restored {
            Objects.requireNonNull(preRestoreBackup, "preRestoreBackup");
            Objects.requireNonNull(replacedKeptAs, "replacedKeptAs");
        }
    }

    /**
     * @param reason           a sentence for the operator; it names the pre-restore backup when one was taken, and
     *                         says so when the scratch database could not be dropped
     * @param preRestoreBackup the backup of the target taken before the step that failed, if it got that far: it is
     *                         stored all the same and goes into the ledger like any other
     */
    record Failed(RestoreStep step, String reason, Duration duration, Optional<DumpResult.Stored> preRestoreBackup)
            implements RestoreResult {
        public Failed {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(preRestoreBackup, "preRestoreBackup");
        }

        /** A failure before any pre-restore backup was taken. */
        public Failed(RestoreStep step, String reason, Duration duration) {
            this(step, reason, duration, Optional.empty());
        }

        /** {@code restore failed: …} */
        public String message() {
            return step.label() + " failed: " + reason;
        }
    }
}
