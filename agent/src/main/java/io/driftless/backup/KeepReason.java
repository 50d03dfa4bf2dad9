package io.driftless.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/** Which rule kept a backup; {@link #text()} is how an operator would say it. */
public sealed interface KeepReason {
    String text();

    /** The newest verified backup, of any kind: never deleted, so there is always one to restore. */
    record NewestVerified() implements KeepReason {
        @Override
        public String text() {
            return "newest verified";
        }
    }

    /** @param rank 1 for the newest of the {@code of} kept by {@code last} */
    record Last(int rank, int of) implements KeepReason {
        @Override
        public String text() {
            return "last " + of + " (#" + rank + ")";
        }
    }

    record DailySlot(LocalDate day) implements KeepReason {
        public DailySlot {
            Objects.requireNonNull(day, "day");
        }

        @Override
        public String text() {
            return "daily slot " + day;
        }
    }

    /** An ISO week: weeks start on Monday, and the first week of a year holds its first Thursday. */
    record WeeklySlot(int weekBasedYear, int week) implements KeepReason {
        @Override
        public String text() {
            return String.format("weekly %d-W%02d", weekBasedYear, week);
        }
    }

    record MonthlySlot(YearMonth month) implements KeepReason {
        public MonthlySlot {
            Objects.requireNonNull(month, "month");
        }

        @Override
        public String text() {
            return "monthly " + month;
        }
    }

    /** @param until when the snapshot or pre-restore backup leaves its window */
    record SnapshotWindow(Instant until) implements KeepReason {
        public SnapshotWindow {
            Objects.requireNonNull(until, "until");
        }

        @Override
        public String text() {
            return "snapshot window until " + until;
        }
    }

    /** Recorded after now: the clock went back. It fills no slot until now passes it. */
    record RecordedInFuture() implements KeepReason {
        @Override
        public String text() {
            return "recorded after now (the clock went back)";
        }
    }

    /** Not a file the agent wrote; it fills no slot either. */
    record NotOwn() implements KeepReason {
        @Override
        public String text() {
            return "not the agent's own file";
        }
    }

    /** Would have been deleted, but this rotation deletes nothing. */
    record Held(Hold hold) implements KeepReason {
        public Held {
            Objects.requireNonNull(hold, "hold");
        }

        @Override
        public String text() {
            return hold.text();
        }
    }
}
