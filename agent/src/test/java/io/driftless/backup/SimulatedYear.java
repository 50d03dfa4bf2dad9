package io.driftless.backup;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.driftless.backup.Recorded.BERLIN;

/**
 * The runs of one policy over 2026 in Berlin, in the order they happened: scheduled at 03:00 (both DST changes), an
 * agent down five days, failed and unverified runs, manual backups, a snapshot every Tuesday at 16:00 before a
 * rollout, two pre-restore backups, and a clock that goes back an hour and forward a day.
 */
final class SimulatedYear {
    static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
    static final LocalDate LAST = LocalDate.of(2026, 12, 31);
    static final Set<LocalDate> DOWN = dates("2026-06-10", "2026-06-11", "2026-06-12", "2026-06-13", "2026-06-14");
    static final Set<LocalDate> FAILED = dates("2026-02-17", "2026-04-08", "2026-07-21", "2026-09-30", "2026-11-03",
            "2026-12-27");
    static final Set<LocalDate> UNVERIFIED = dates("2026-03-03", "2026-05-19", "2026-09-01", "2026-10-31",
            "2026-12-20", "2026-07-14");
    /** Tuesdays whose snapshot failed at the very minute the previous Tuesday's left its window. */
    static final Set<LocalDate> FAILED_SNAPSHOTS = dates("2026-04-07");
    /** A backup the agent did not write (an old target folder), recorded before the year starts. */
    static final RecordedBackup FOREIGN = new RecordedBackup(1, BackupKind.MANUAL,
            Recorded.local("2025-12-15T03:00"), true, false);

    /**
     * One run. {@code happened} orders the runs; {@code at} is what the agent's clock said, and so what the ledger
     * recorded; rotation runs five minutes later by that clock. A failed run stores nothing.
     */
    record Run(Instant happened, Instant at, BackupKind kind, LastRun result) {
        Instant now() {
            return at.plus(Duration.ofMinutes(5));
        }
    }

    private SimulatedYear() {
    }

    static List<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            if (!DOWN.contains(day)) {
                runs.add(scheduled(day));
            }
            if (day.getDayOfWeek() == DayOfWeek.TUESDAY) {
                LastRun result = FAILED_SNAPSHOTS.contains(day) ? LastRun.FAILED
                        : UNVERIFIED.contains(day) ? LastRun.UNVERIFIED : LastRun.VERIFIED;
                runs.add(run(day, "16:00", BackupKind.SNAPSHOT, result));
            }
        }
        runs.add(run(LocalDate.of(2026, 1, 15), "14:00", BackupKind.MANUAL, LastRun.VERIFIED));
        runs.add(run(LocalDate.of(2026, 4, 30), "14:00", BackupKind.MANUAL, LastRun.VERIFIED));
        runs.add(run(LocalDate.of(2026, 5, 20), "16:30", BackupKind.PRE_RESTORE, LastRun.VERIFIED));
        runs.add(run(LocalDate.of(2026, 12, 24), "14:00", BackupKind.MANUAL, LastRun.VERIFIED));
        runs.add(run(LocalDate.of(2026, 12, 28), "10:00", BackupKind.PRE_RESTORE, LastRun.VERIFIED));
        // 02:30 happens twice on the night summer time ends: once in CEST, once in CET.
        runs.add(at(Instant.parse("2026-10-25T00:30:00Z"), BackupKind.MANUAL));
        runs.add(at(Instant.parse("2026-10-25T01:30:00Z"), BackupKind.MANUAL));
        // The clock steps back an hour at 03:30 on 1 August: a manual backup at 03:40 is recorded at 02:40, before
        // the scheduled one of 03:00.
        Instant happened = Recorded.local("2026-08-01T03:40");
        runs.add(new Run(happened, happened.minus(Duration.ofHours(1)), BackupKind.MANUAL, LastRun.VERIFIED));
        // 21:00 on 10 September, after the clock that ran a day ahead since midnight was put right.
        runs.add(run(LocalDate.of(2026, 9, 10), "21:00", BackupKind.MANUAL, LastRun.VERIFIED));
        runs.sort(Comparator.comparing(Run::happened));
        return runs;
    }

    private static Run scheduled(LocalDate day) {
        LastRun result = FAILED.contains(day) ? LastRun.FAILED
                : UNVERIFIED.contains(day) ? LastRun.UNVERIFIED : LastRun.VERIFIED;
        if (day.equals(LocalDate.of(2026, 6, 15))) {
            // Back up at 09:00 after five days down: the missed 03:00 runs once at start-up.
            return run(day, "09:00", BackupKind.SCHEDULED, result);
        }
        Run run = run(day, "03:00", BackupKind.SCHEDULED, result);
        if (day.equals(LocalDate.of(2026, 9, 10))) {
            // The clock jumped a day ahead before this run: the ledger says 11 September, 03:00.
            return new Run(run.happened(), run.at().plus(Duration.ofDays(1)), run.kind(), run.result());
        }
        return run;
    }

    private static Run run(LocalDate day, String time, BackupKind kind, LastRun result) {
        Instant instant = day.atTime(LocalTime.parse(time)).atZone(BERLIN).toInstant();
        return new Run(instant, instant, kind, result);
    }

    private static Run at(Instant instant, BackupKind kind) {
        return new Run(instant, instant, kind, LastRun.VERIFIED);
    }

    private static Set<LocalDate> dates(String... days) {
        return Stream.of(days).map(LocalDate::parse).collect(Collectors.toUnmodifiableSet());
    }

    /** How the final assertion names a backup: its local time in Berlin and its kind. */
    static String describe(RecordedBackup backup) {
        return backup.at().atZone(BERLIN).toLocalDateTime() + " " + backup.kind();
    }
}
