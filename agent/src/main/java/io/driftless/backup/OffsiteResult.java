package io.driftless.backup;

import java.util.Objects;

/** How copying one stored backup offsite ended; the local backup is the same either way. */
public sealed interface OffsiteResult {

    /** @param sha256 the checksum read back from the copy, equal to the sidecar's */
    record Copied(String remotePath, String sha256) implements OffsiteResult {
    }

    record Failed(OffsiteStep step, String reason) implements OffsiteResult {
        public Failed {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(reason, "reason");
        }

        public String message() {
            return step.label() + " failed: " + reason;
        }
    }
}
