package io.driftless.backup;

import java.nio.file.Path;
import java.util.Objects;

/** What one backup came to: stored and read back, or failed at a named step with nothing left behind. */
public sealed interface DumpResult {

    /** @param file the dump in its final place; {@code sidecar} beside it says what it holds */
    record Stored(Path file, Path sidecar, Sidecar facts) implements DumpResult {
    }

    /** @param reason a sentence for the operator: what failed and, where it is known, what to do */
    record Failed(DumpStep step, String reason) implements DumpResult {
        public Failed {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(reason, "reason");
        }

        /** {@code read back failed: pg_restore exited 1: …} */
        public String message() {
            return step.label() + " failed: " + reason;
        }
    }
}
