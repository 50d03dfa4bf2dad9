package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.driftless.backup.Recorded.BERLIN;
import static io.driftless.backup.Recorded.deletedIds;
import static io.driftless.backup.Recorded.keptIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rotation after every run of a simulated year, checking what must always hold, then the exact set left. */
class RotationYearTest {
    static final Keep KEEP = new Keep(3, 7, 4, 6);

    final List<RecordedBackup> stored = new ArrayList<>(List.of(SimulatedYear.FOREIGN));
    long nextId = 2;
    int heldRotations;
    int rotationsWithABackupFromTheFuture;
    int heldRotationsThatWouldHaveDeleted;
    boolean sawTwoBackupsInOneSecond;

    @Test
    void aYearOfRunsLeavesExactlyWhatThePolicyPromises() {
        for (SimulatedYear.Run run : SimulatedYear.runs()) {
            if (run.result() != LastRun.FAILED) {
                stored.add(new RecordedBackup(nextId++, run.kind(), run.at(), run.result() == LastRun.VERIFIED, true));
            }
            RotationDecision decision = Rotation.decide(stored, KEEP, run.now(), BERLIN, run.result());
            assertInvariants(run, decision);
            if (decision.hold().isPresent()
                    && !Rotation.decide(stored, KEEP, run.now(), BERLIN, LastRun.VERIFIED).deleted().isEmpty()) {
                heldRotationsThatWouldHaveDeleted++;
            }
            sawTwoBackupsInOneSecond |= stored.stream().map(backup -> backup.at().getEpochSecond()).distinct().count()
                    < stored.size();
            stored.removeAll(decision.deleted());
        }

        assertEquals(List.of(
                "2026-12-31T03:00 SCHEDULED: newest verified, last 3 (#1), daily slot 2026-12-31, weekly 2026-W53, "
                        + "monthly 2026-12",
                "2026-12-30T03:00 SCHEDULED: last 3 (#2), daily slot 2026-12-30",
                "2026-12-29T16:00 SNAPSHOT: snapshot window until 2027-01-05T15:00:00Z",
                "2026-12-29T03:00 SCHEDULED: last 3 (#3), daily slot 2026-12-29",
                "2026-12-28T10:00 PRE_RESTORE: snapshot window until 2027-01-04T09:00:00Z",
                "2026-12-28T03:00 SCHEDULED: daily slot 2026-12-28",
                "2026-12-26T03:00 SCHEDULED: daily slot 2026-12-26, weekly 2026-W52",
                "2026-12-25T03:00 SCHEDULED: daily slot 2026-12-25",
                "2026-12-24T14:00 MANUAL: daily slot 2026-12-24",
                "2026-12-19T03:00 SCHEDULED: weekly 2026-W51",
                "2026-12-13T03:00 SCHEDULED: weekly 2026-W50",
                "2026-11-30T03:00 SCHEDULED: monthly 2026-11",
                "2026-10-30T03:00 SCHEDULED: monthly 2026-10",
                "2026-09-29T03:00 SCHEDULED: monthly 2026-09",
                "2026-08-31T03:00 SCHEDULED: monthly 2026-08",
                "2026-07-31T03:00 SCHEDULED: monthly 2026-07",
                "2025-12-15T03:00 MANUAL: not the agent's own file"), finalSet());
        assertTrue(heldRotations >= SimulatedYear.FAILED.size() + SimulatedYear.UNVERIFIED.size(), "" + heldRotations);
        assertEquals(2, rotationsWithABackupFromTheFuture, "the hour back in August, the day ahead in September");
        assertTrue(heldRotationsThatWouldHaveDeleted >= 2, "the failed and the unverified snapshot held an expired one");
        assertTrue(sawTwoBackupsInOneSecond, "11 September 03:00, twice: once by a clock a day ahead");
    }

    private List<String> finalSet() {
        RotationDecision last = Rotation.decide(stored, KEEP, Instant.parse("2026-12-31T02:05:00Z"), BERLIN,
                LastRun.VERIFIED);
        assertEquals(List.of(), last.deleted(), "the year's last rotation already deleted what it had to");
        return last.kept().stream().map(kept -> SimulatedYear.describe(kept.backup()) + ": "
                + kept.reasons().stream().map(KeepReason::text).collect(Collectors.joining(", "))).toList();
    }

    private void assertInvariants(SimulatedYear.Run run, RotationDecision decision) {
        String when = "after the run recorded at " + run.at() + " (" + run.result() + ")";
        Set<Long> all = stored.stream().map(RecordedBackup::id).collect(Collectors.toSet());
        Set<Long> union = new HashSet<>(keptIds(decision));
        union.addAll(deletedIds(decision));
        assertEquals(all, union, when);
        assertEquals(all.size(), decision.kept().size() + decision.deleted().size(), when);

        Instant now = run.now();
        List<RecordedBackup> present = stored.stream().filter(backup -> !backup.at().isAfter(now))
                .sorted(RecordedBackup.NEWEST_FIRST).toList();
        Optional<RecordedBackup> newestVerified = present.stream().filter(RecordedBackup::verified).findFirst();
        newestVerified.ifPresent(newest -> assertTrue(keptIds(decision).contains(newest.id()),
                "newest verified " + newest + " deleted " + when));
        List<RecordedBackup> future = stored.stream().filter(backup -> backup.at().isAfter(now)).toList();
        for (RecordedBackup backup : future) {
            List<KeepReason> reasons = Recorded.reasons(decision, backup.id());
            assertEquals(List.of(new KeepReason.RecordedInFuture()), reasons, "counted from the future " + when);
        }
        if (!future.isEmpty()) {
            rotationsWithABackupFromTheFuture++;
        }
        decision.deleted().forEach(backup -> assertTrue(backup.own(), "deleted a foreign backup " + when));
        if (run.result() != LastRun.VERIFIED) {
            assertEquals(List.of(), decision.deleted(), when);
        }
        if (decision.hold().isPresent()) {
            heldRotations++;
            return;
        }
        List<RecordedBackup> keptPresentOwn = decision.kept().stream().map(RotationDecision.Kept::backup)
                .filter(backup -> backup.own() && !backup.at().isAfter(now)).toList();
        for (RecordedBackup backup : keptPresentOwn) {
            boolean newest = newestVerified.map(backup::equals).orElse(false);
            assertTrue(backup.verified() || newest, "kept an unverified backup " + backup + " " + when);
            boolean pastWindow = !backup.kind().fillsSlots() && !backup.at().isAfter(now.minus(KEEP.snapshots()));
            assertFalse(pastWindow && !newest, "kept a snapshot past its window " + backup + " " + when);
        }
        long snapshotsInWindow = present.stream().filter(backup -> backup.own() && backup.verified()
                && !backup.kind().fillsSlots() && backup.at().isAfter(now.minus(KEEP.snapshots()))).count();
        long bound = KEEP.last() + KEEP.daily() + KEEP.weekly() + KEEP.monthly() + snapshotsInWindow + 1;
        assertTrue(keptPresentOwn.size() <= bound, keptPresentOwn.size() + " kept, more than " + bound + " " + when);
    }
}
