package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.driftless.backup.Recorded.BERLIN;
import static io.driftless.backup.Recorded.deletedIds;
import static io.driftless.backup.Recorded.foreign;
import static io.driftless.backup.Recorded.keptIds;
import static io.driftless.backup.Recorded.local;
import static io.driftless.backup.Recorded.scheduled;
import static io.driftless.backup.Recorded.snapshot;
import static io.driftless.backup.Recorded.texts;
import static io.driftless.backup.Recorded.unverified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What rotation never does: delete the last good backup, delete after a bad run, or touch what is not its own. */
class RotationSafetyTest {
    static final Instant NOW = local("2026-11-30T12:00");
    static final Keep LAST_ONE = new Keep(1, 0, 0, 0);

    static RotationDecision decide(List<RecordedBackup> stored, Keep keep, LastRun lastRun) {
        return Rotation.decide(stored, keep, NOW, BERLIN, lastRun);
    }

    static List<RecordedBackup> threeDays() {
        return List.of(scheduled(1, "2026-11-28T03:00"), scheduled(2, "2026-11-29T03:00"),
                scheduled(3, "2026-11-30T03:00"));
    }

    @Test
    void theNewestVerifiedBackupIsKeptWhenNoRuleWouldKeepIt() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-29T03:00"), snapshot(2, "2026-11-30T10:00"));

        RotationDecision decision = decide(stored, new Keep(1, 0, 0, 0, Duration.ZERO), LastRun.VERIFIED);

        assertEquals(Set.of(1L, 2L), keptIds(decision));
        assertEquals(List.of("newest verified"), texts(decision, 2), "a snapshot with no window left");
    }

    @Test
    void nothingIsDeletedAfterAFailedRun() {
        RotationDecision decision = decide(threeDays(), LAST_ONE, LastRun.FAILED);

        assertEquals(List.of(), decision.deleted());
        assertEquals(Optional.of(Hold.LAST_RUN_FAILED), decision.hold());
        assertEquals(List.of("nothing is deleted after a failed run"), texts(decision, 1));
    }

    @Test
    void nothingIsDeletedAfterARunThatDidNotVerify() {
        List<RecordedBackup> stored = new ArrayList<>(threeDays());
        stored.add(unverified(scheduled(4, "2026-11-30T11:00")));

        RotationDecision decision = decide(stored, LAST_ONE, LastRun.UNVERIFIED);

        assertEquals(List.of(), decision.deleted());
        assertEquals(Optional.of(Hold.LAST_RUN_UNVERIFIED), decision.hold());
        assertEquals(List.of("nothing is deleted after a run that did not verify"), texts(decision, 4));
    }

    @Test
    void nothingIsDeletedWhileTheNewestBackupIsUnverifiedWhateverTheCallerSays() {
        List<RecordedBackup> stored = new ArrayList<>(threeDays());
        stored.add(unverified(scheduled(4, "2026-11-30T11:00")));

        RotationDecision decision = decide(stored, LAST_ONE, LastRun.VERIFIED);

        assertEquals(List.of(), decision.deleted());
        assertEquals(Optional.of(Hold.NEWEST_UNVERIFIED), decision.hold());
    }

    @Test
    void aHeldRotationStillSaysWhichRuleKeepsWhat() {
        RotationDecision decision = decide(threeDays(), LAST_ONE, LastRun.FAILED);

        assertEquals(List.of("newest verified", "last 1 (#1)"), texts(decision, 3));
    }

    @Test
    void onlyTheAgentsOwnBackupsAreDeleted() {
        List<RecordedBackup> stored = List.of(foreign(scheduled(1, "2026-11-28T03:00")),
                scheduled(2, "2026-11-29T03:00"), scheduled(3, "2026-11-30T03:00"));

        RotationDecision decision = decide(stored, LAST_ONE, LastRun.VERIFIED);

        assertEquals(Set.of(2L), deletedIds(decision));
        assertEquals(List.of("not the agent's own file"), texts(decision, 1));
    }

    @Test
    void aForeignBackupFillsNoSlotSoTheAgentsOwnHistoryStaysWhole() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-29T03:00"),
                foreign(scheduled(2, "2026-11-30T03:00")));

        RotationDecision decision = decide(stored, new Keep(1, 0, 0, 0), LastRun.VERIFIED);

        assertEquals(Set.of(1L, 2L), keptIds(decision));
        assertEquals(List.of("last 1 (#1)"), texts(decision, 1));
        assertEquals(List.of("newest verified", "not the agent's own file"), texts(decision, 2));
    }

    @Test
    void anUnverifiedBackupNeverFillsASlot() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-29T03:00"),
                unverified(scheduled(2, "2026-11-30T03:00")), scheduled(3, "2026-11-30T11:00"));

        RotationDecision decision = decide(stored, new Keep(2, 2, 0, 0), LastRun.VERIFIED);

        assertEquals(List.of("last 2 (#2)", "daily slot 2026-11-29"), texts(decision, 1));
        assertEquals(Set.of(2L), deletedIds(decision));
    }

    @Test
    void anUnverifiedBackupOlderThanTheNewestVerifiedIsDeleted() {
        List<RecordedBackup> stored = List.of(unverified(scheduled(1, "2026-11-29T03:00")),
                scheduled(2, "2026-11-30T03:00"));

        RotationDecision decision = decide(stored, new Keep(3, 7, 4, 6), LastRun.VERIFIED);

        assertEquals(Set.of(1L), deletedIds(decision), "it proves nothing, and a verified backup came after it");
    }

    @Test
    void anUnverifiedSnapshotGetsNoWindow() {
        List<RecordedBackup> stored = List.of(unverified(snapshot(1, "2026-11-30T09:00")),
                scheduled(2, "2026-11-30T10:00"));

        assertEquals(Set.of(1L), deletedIds(decide(stored, LAST_ONE, LastRun.VERIFIED)));
    }

    @Test
    void aBackupRecordedAfterNowIsKeptAndFillsNoSlot() {
        // The clock went back an hour after backup 2 was recorded at 11:30; backup 3 was recorded at 10:45.
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-29T03:00"), scheduled(2, "2026-11-30T11:30"),
                scheduled(3, "2026-11-30T10:45"));

        RotationDecision decision = Rotation.decide(stored, new Keep(1, 1, 0, 0), local("2026-11-30T10:50"), BERLIN,
                LastRun.VERIFIED);

        assertEquals(List.of("recorded after now (the clock went back)"), texts(decision, 2));
        assertEquals(List.of("newest verified", "last 1 (#1)", "daily slot 2026-11-30"), texts(decision, 3));
        assertEquals(Set.of(1L), deletedIds(decision));
    }

    @Test
    void onceNowPassesItABackupFromTheFutureCountsLikeAnyOther() {
        List<RecordedBackup> stored = List.of(scheduled(2, "2026-11-30T11:30"), scheduled(3, "2026-11-30T10:45"));

        RotationDecision decision = decide(stored, new Keep(1, 0, 0, 0), LastRun.VERIFIED);

        assertEquals(Set.of(3L), deletedIds(decision));
    }

    @Test
    void everyStoredBackupIsEitherKeptOrDeletedNewestFirst() {
        List<RecordedBackup> stored = List.of(scheduled(2, "2026-11-29T03:00"), scheduled(1, "2026-11-28T03:00"),
                snapshot(4, "2026-11-01T03:00"), scheduled(3, "2026-11-30T03:00"));

        RotationDecision decision = decide(stored, LAST_ONE, LastRun.VERIFIED);

        assertEquals(List.of(3L), decision.kept().stream().map(kept -> kept.backup().id()).toList());
        assertEquals(List.of(2L, 1L, 4L), decision.deleted().stream().map(RecordedBackup::id).toList());
    }

    @Test
    void nothingStoredDecidesNothing() {
        RotationDecision decision = decide(List.of(), LAST_ONE, LastRun.VERIFIED);

        assertTrue(decision.kept().isEmpty() && decision.deleted().isEmpty());
    }

    @Test
    void aPolicyThatKeepsNothingIsRefusedRatherThanApplied() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> decide(threeDays(), new Keep(0, 0, 0, 0), LastRun.VERIFIED));

        assertTrue(refused.getMessage().startsWith("keep keeps no backups at all"), refused.getMessage());
    }

    @Test
    void twoBackupsWithOneIdAreRefused() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-29T03:00"), scheduled(1, "2026-11-30T03:00"));

        assertThrows(IllegalArgumentException.class, () -> decide(stored, LAST_ONE, LastRun.VERIFIED));
    }
}
