package io.driftless.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** What one restore drill came to; a missing backup is a failed drill, never a pass. */
public sealed interface DrillResult {

    Duration duration();

    /**
     * @param backup    the dump that was restored
     * @param sizeBytes its size
     * @param tables    how many tables the sidecar listed, all found restored
     */
    record Passed(Duration duration, long sizeBytes, Path backup, int tables) implements DrillResult {
    }

    /**
     * @param reason a sentence for the operator; it also says so when the scratch database could not be dropped
     *               after the step failed
     */
    record Failed(DrillStep step, String reason, Duration duration) implements DrillResult {
        public Failed {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(reason, "reason");
        }

        /** {@code verify failed: …} */
        public String message() {
            return step.label() + " failed: " + reason;
        }
    }
}
