package io.driftless.backup;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Decides which of a policy's stored backups to keep and which to delete; pure: no I/O, no clock. */
public final class Rotation {
    private Rotation() {
    }

    /**
     * @param stored  every backup of one policy the ledger holds (one target: local, or an offsite copy)
     * @param now     the agent's clock, read once by the caller
     * @param zone    the agent's time zone: days, weeks and months are counted in it
     * @param lastRun how the policy's most recent run ended; anything but verified deletes nothing
     * @throws IllegalArgumentException for a policy that keeps nothing, or two backups with one id
     */
    public static RotationDecision decide(List<RecordedBackup> stored, Keep keep, Instant now, ZoneId zone,
            LastRun lastRun) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(lastRun, "lastRun");
        keep.refusal().ifPresent(refusal -> {
            throw new IllegalArgumentException("keep " + refusal);
        });
        List<RecordedBackup> newestFirst = newestFirst(stored);
        List<RecordedBackup> present = newestFirst.stream().filter(backup -> !backup.at().isAfter(now)).toList();
        Map<Long, List<KeepReason>> reasons = new LinkedHashMap<>();
        present.stream().filter(RecordedBackup::verified).findFirst()
                .ifPresent(newest -> add(reasons, newest, new KeepReason.NewestVerified()));
        Slots.fill(reasons, counted(present), keep, zone);
        for (RecordedBackup backup : present) {
            if (counts(backup) && !backup.kind().fillsSlots() && backup.at().isAfter(now.minus(keep.snapshots()))) {
                add(reasons, backup, new KeepReason.SnapshotWindow(backup.at().plus(keep.snapshots())));
            }
        }
        for (RecordedBackup backup : newestFirst) {
            if (backup.at().isAfter(now)) {
                add(reasons, backup, new KeepReason.RecordedInFuture());
            }
            if (!backup.own()) {
                add(reasons, backup, new KeepReason.NotOwn());
            }
        }
        Optional<Hold> hold = hold(lastRun, present);
        List<RotationDecision.Kept> kept = new ArrayList<>();
        List<RecordedBackup> deleted = new ArrayList<>();
        for (RecordedBackup backup : newestFirst) {
            List<KeepReason> why = reasons.getOrDefault(backup.id(), List.of());
            if (!why.isEmpty()) {
                kept.add(new RotationDecision.Kept(backup, why));
            } else if (hold.isPresent()) {
                kept.add(new RotationDecision.Kept(backup, List.of(new KeepReason.Held(hold.get()))));
            } else {
                deleted.add(backup);
            }
        }
        return new RotationDecision(kept, deleted, hold);
    }

    private static List<RecordedBackup> newestFirst(List<RecordedBackup> stored) {
        Set<Long> ids = new HashSet<>();
        for (RecordedBackup backup : stored) {
            if (!ids.add(backup.id())) {
                throw new IllegalArgumentException("two stored backups share the id " + backup.id());
            }
        }
        return stored.stream().sorted(RecordedBackup.NEWEST_FIRST).toList();
    }

    /** A backup another tool wrote, or one that did not verify, must not stand in for one of the agent's own. */
    private static boolean counts(RecordedBackup backup) {
        return backup.own() && backup.verified();
    }

    private static List<RecordedBackup> counted(List<RecordedBackup> present) {
        return present.stream().filter(backup -> counts(backup) && backup.kind().fillsSlots()).toList();
    }

    /** The caller's word first; the ledger's own newest backup second, in case a caller got it wrong. */
    private static Optional<Hold> hold(LastRun lastRun, List<RecordedBackup> present) {
        return switch (lastRun) {
            case FAILED -> Optional.of(Hold.LAST_RUN_FAILED);
            case UNVERIFIED -> Optional.of(Hold.LAST_RUN_UNVERIFIED);
            case VERIFIED -> present.isEmpty() || present.getFirst().verified() ? Optional.empty()
                    : Optional.of(Hold.NEWEST_UNVERIFIED);
        };
    }

    static void add(Map<Long, List<KeepReason>> reasons, RecordedBackup backup, KeepReason reason) {
        reasons.computeIfAbsent(backup.id(), id -> new ArrayList<>()).add(reason);
    }
}
