package io.driftless.backup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rotation keeps and deletes; every stored backup is in exactly one of the two lists, newest first.
 *
 * @param hold present when this rotation deletes nothing, and why
 */
public record RotationDecision(List<Kept> kept, List<RecordedBackup> deleted, Optional<Hold> hold) {
    public RotationDecision {
        kept = List.copyOf(kept);
        deleted = List.copyOf(deleted);
        Objects.requireNonNull(hold, "hold");
        if (hold.isPresent() && !deleted.isEmpty()) {
            throw new IllegalArgumentException("a held rotation deletes nothing, not " + deleted.size());
        }
    }

    /** @param reasons every rule that kept it, in the order newest verified, last, daily, weekly, monthly, others */
    public record Kept(RecordedBackup backup, List<KeepReason> reasons) {
        public Kept {
            Objects.requireNonNull(backup, "backup");
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("backup " + backup.id() + " is kept for no reason");
            }
        }
    }
}
