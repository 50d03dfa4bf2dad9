package io.driftless.backup;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code last} and GFS rules over counted backups, newest first. A period without a verified backup uses no slot
 * (as restic and borg count), so an agent that was down for a week still keeps as many dailies as it says.
 */
final class Slots {
    private Slots() {
    }

    static void fill(Map<Long, List<KeepReason>> reasons, List<RecordedBackup> newestFirst, Keep keep, ZoneId zone) {
        for (int i = 0; i < Math.min(keep.last(), newestFirst.size()); i++) {
            Rotation.add(reasons, newestFirst.get(i), new KeepReason.Last(i + 1, keep.last()));
        }
        newestOfEach(reasons, newestFirst, keep.daily(), zone, time -> new KeepReason.DailySlot(time.toLocalDate()));
        newestOfEach(reasons, newestFirst, keep.weekly(), zone, time -> new KeepReason.WeeklySlot(
                time.get(IsoFields.WEEK_BASED_YEAR), time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        newestOfEach(reasons, newestFirst, keep.monthly(), zone, time -> new KeepReason.MonthlySlot(YearMonth.from(time)));
    }

    /** Newest first means the first backup met in a period is that period's newest. */
    private static void newestOfEach(Map<Long, List<KeepReason>> reasons, List<RecordedBackup> newestFirst, int slots,
            ZoneId zone, Function<ZonedDateTime, KeepReason> period) {
        KeepReason previous = null;
        int used = 0;
        for (RecordedBackup backup : newestFirst) {
            if (used == slots) {
                return;
            }
            KeepReason slot = period.apply(backup.at().atZone(zone));
            if (!slot.equals(previous)) {
                Rotation.add(reasons, backup, slot);
                previous = slot;
                used++;
            }
        }
    }
}
