package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import static io.driftless.backup.Recorded.BERLIN;
import static io.driftless.backup.Recorded.deletedIds;
import static io.driftless.backup.Recorded.keptIds;
import static io.driftless.backup.Recorded.local;
import static io.driftless.backup.Recorded.manual;
import static io.driftless.backup.Recorded.reasons;
import static io.driftless.backup.Recorded.scheduled;
import static io.driftless.backup.Recorded.snapshot;
import static io.driftless.backup.Recorded.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules that keep backups: last, daily, weekly, monthly and the snapshot window. */
class RotationSlotsTest {
    static final Instant NOW = local("2026-11-30T12:00");

    static RotationDecision decide(List<RecordedBackup> stored, Keep keep) {
        return Rotation.decide(stored, keep, NOW, BERLIN, LastRun.VERIFIED);
    }

    @Test
    void lastKeepsTheNewestScheduledAndManualBackupsWhateverTheirDay() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-28T03:00"), scheduled(2, "2026-11-29T03:00"),
                manual(3, "2026-11-29T15:00"), scheduled(4, "2026-11-30T03:00"));

        RotationDecision decision = decide(stored, new Keep(3, 0, 0, 0));

        assertEquals(Set.of(2L, 3L, 4L), keptIds(decision));
        assertEquals(Set.of(1L), deletedIds(decision));
        assertEquals(List.of("newest verified", "last 3 (#1)"), texts(decision, 4));
        assertEquals(List.of("last 3 (#3)"), texts(decision, 2));
    }

    @Test
    void dailyKeepsTheNewestBackupOfEachDay() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-29T03:00"), manual(2, "2026-11-29T15:00"),
                scheduled(3, "2026-11-30T03:00"), manual(4, "2026-11-30T09:00"));

        RotationDecision decision = decide(stored, new Keep(0, 2, 0, 0));

        assertEquals(Set.of(2L, 4L), keptIds(decision));
        assertEquals(List.of(new KeepReason.DailySlot(LocalDate.parse("2026-11-29"))), reasons(decision, 2));
    }

    @Test
    void aDayWithoutABackupUsesNoSlotSoAnAgentThatWasDownKeepsItsHistory() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-20T03:00"), scheduled(2, "2026-11-21T03:00"),
                scheduled(3, "2026-11-22T03:00"), scheduled(4, "2026-11-30T03:00"));

        RotationDecision decision = decide(stored, new Keep(0, 3, 0, 0));

        assertEquals(Set.of(2L, 3L, 4L), keptIds(decision), "seven days down cost none of the three daily slots");
    }

    @Test
    void weeklyKeepsTheNewestBackupOfEachIsoWeek() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-16T03:00"), scheduled(2, "2026-11-22T03:00"),
                scheduled(3, "2026-11-23T03:00"), scheduled(4, "2026-11-29T03:00"), scheduled(5, "2026-11-30T03:00"));

        RotationDecision decision = decide(stored, new Keep(0, 0, 3, 0));

        assertEquals(Set.of(2L, 4L, 5L), keptIds(decision), "Sunday closes an ISO week, Monday opens the next");
        assertEquals(List.of("weekly 2026-W48"), texts(decision, 4));
        assertEquals(List.of("newest verified", "weekly 2026-W49"), texts(decision, 5));
    }

    @Test
    void isoWeeksCrossTheNewYearAsTheCalendarDoes() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-12-27T03:00"), scheduled(2, "2026-12-31T03:00"),
                scheduled(3, "2027-01-03T03:00"), scheduled(4, "2027-01-04T03:00"));

        RotationDecision decision = Rotation.decide(stored, new Keep(0, 0, 3, 0), local("2027-01-04T12:00"), BERLIN,
                LastRun.VERIFIED);

        assertEquals(Set.of(1L, 3L, 4L), keptIds(decision));
        assertEquals(List.of(new KeepReason.WeeklySlot(2026, 53)), reasons(decision, 3), "2027-01-03 is in 2026-W53");
        assertEquals(List.of("newest verified", "weekly 2027-W01"), texts(decision, 4));
    }

    @Test
    void monthlyKeepsTheNewestBackupOfEachMonth() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-09-30T03:00"), scheduled(2, "2026-10-15T03:00"),
                scheduled(3, "2026-10-31T03:00"), scheduled(4, "2026-11-01T03:00"), scheduled(5, "2026-11-30T03:00"));

        RotationDecision decision = decide(stored, new Keep(0, 0, 0, 2));

        assertEquals(Set.of(3L, 5L), keptIds(decision));
        assertEquals(List.of(new KeepReason.MonthlySlot(YearMonth.of(2026, 10))), reasons(decision, 3));
        assertEquals(List.of("monthly 2026-10"), texts(decision, 3));
    }

    @Test
    void daysWeeksAndMonthsAreTheAgentsZoneNotUtc() {
        RecordedBackup sundayInUtc = new RecordedBackup(1, BackupKind.SCHEDULED,
                Instant.parse("2026-11-29T23:30:00Z"), true, true);

        RotationDecision decision = decide(List.of(sundayInUtc), new Keep(0, 1, 1, 1));

        assertEquals(List.of("newest verified", "daily slot 2026-11-30", "weekly 2026-W49", "monthly 2026-11"),
                texts(decision, 1), "23:30 UTC on Sunday is 00:30 on Monday in Berlin");
    }

    @Test
    void theHourThatHappensTwiceInAutumnIsOrderedByInstantNotByWallTime() {
        RecordedBackup summerTime = new RecordedBackup(1, BackupKind.MANUAL,
                Instant.parse("2026-10-25T00:30:00Z"), true, true);
        RecordedBackup winterTime = new RecordedBackup(2, BackupKind.MANUAL,
                Instant.parse("2026-10-25T01:30:00Z"), true, true);

        RotationDecision decision = Rotation.decide(List.of(winterTime, summerTime), new Keep(0, 1, 0, 0),
                local("2026-10-25T12:00"), BERLIN, LastRun.VERIFIED);

        assertEquals(Set.of(2L), keptIds(decision), "both read 02:30 on the wall; the second is the newer");
    }

    @Test
    void theShortDayOfSpringEndsAtMidnightAllTheSame() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-03-29T01:30"), scheduled(2, "2026-03-29T23:30"),
                scheduled(3, "2026-03-30T00:10"));

        RotationDecision decision = Rotation.decide(stored, new Keep(0, 2, 0, 0), local("2026-03-30T12:00"), BERLIN,
                LastRun.VERIFIED);

        assertEquals(Set.of(2L, 3L), keptIds(decision));
        assertEquals(List.of("daily slot 2026-03-29"), texts(decision, 2));
    }

    @Test
    void aBackupKeptByManyRulesNamesThemAll() {
        RotationDecision decision = decide(List.of(scheduled(1, "2026-11-30T03:00")), new Keep(3, 7, 4, 6));

        assertEquals(List.of("newest verified", "last 3 (#1)", "daily slot 2026-11-30", "weekly 2026-W49",
                "monthly 2026-11"), texts(decision, 1));
    }

    @Test
    void twoBackupsInTheSameSecondAreOrderedById() {
        RecordedBackup first = new RecordedBackup(7, BackupKind.SCHEDULED,
                Instant.parse("2026-11-30T02:00:00.900Z"), true, true);
        RecordedBackup second = new RecordedBackup(8, BackupKind.MANUAL,
                Instant.parse("2026-11-30T02:00:00.100Z"), true, true);

        RotationDecision decision = decide(List.of(first, second), new Keep(1, 0, 0, 0));

        assertEquals(Set.of(8L), keptIds(decision), "the ledger recorded 8 after 7; the milliseconds do not decide");
        assertEquals(List.of(8L, 7L), List.of(decision.kept().getFirst().backup().id(),
                decision.deleted().getFirst().id()));
    }

    @Test
    void snapshotsAreKeptForTheirWindowAndNeverCountAgainstLast() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-29T03:00"), scheduled(2, "2026-11-30T03:00"),
                snapshot(3, "2026-11-23T12:00"), snapshot(4, "2026-11-23T12:01"), snapshot(5, "2026-11-30T11:00"));

        RotationDecision decision = decide(stored, new Keep(2, 0, 0, 0, Duration.ofDays(7)));

        assertEquals(Set.of(1L, 2L, 4L, 5L), keptIds(decision), "exactly seven days old is past the window");
        assertEquals(Set.of(3L), deletedIds(decision));
        assertEquals(List.of("last 2 (#2)"), texts(decision, 1), "the snapshots did not push it out of last 2");
        assertEquals(List.of("newest verified", "snapshot window until 2026-12-07T10:00:00Z"), texts(decision, 5));
    }

    @Test
    void preRestoreBackupsLiveByTheSnapshotWindowToo() {
        RecordedBackup preRestore = new RecordedBackup(2, BackupKind.PRE_RESTORE, local("2026-11-20T12:00"), true,
                true);
        List<RecordedBackup> stored = List.of(preRestore, scheduled(3, "2026-11-30T03:00"));

        assertEquals(Set.of(2L, 3L), keptIds(decide(stored, new Keep(1, 0, 0, 0, Duration.ofDays(14)))));
        assertEquals(Set.of(3L), keptIds(decide(stored, new Keep(1, 0, 0, 0, Duration.ofDays(10)))));
    }

    @Test
    void snapshotsFillNoDailySlot() {
        List<RecordedBackup> stored = List.of(scheduled(1, "2026-11-29T03:00"), snapshot(2, "2026-11-29T16:00"),
                snapshot(3, "2026-11-10T16:00"));

        RotationDecision decision = decide(stored, new Keep(0, 1, 0, 0));

        assertEquals(Set.of(1L, 2L), keptIds(decision));
        assertEquals(List.of("daily slot 2026-11-29"), texts(decision, 1));
    }
}
