package io.driftless.desired;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A five-field cron schedule: minute hour day-of-month month day-of-week, as crontab(5) writes it (numbers, '*',
 * lists, ranges, steps; 0 and 7 are Sunday). When both day fields are restricted (neither starts with '*'), a day
 * matches if EITHER does, as in every cron since Vixie's. Parsed once here, for the manifest's validation and for
 * the scheduler's {@link #next}.
 *
 * <p>Daylight saving time, as cron does it: a time the clocks skip (02:30 on the spring-forward night) fires once,
 * at the moment the clocks jump; a time that happens twice (01:30 on the fall-back night) fires once, the first
 * time, unless the hour field starts with '*' (an hourly or finer job keeps its real-time rhythm through both).
 */
public final class CronSchedule {
    static final String EXAMPLE = "write five fields like \"0 3 * * *\" (minute hour day-of-month month day-of-week)";

    private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 7};
    private static final Pattern PART = Pattern.compile("(\\*|([0-9]{1,2})(?:-([0-9]{1,2}))?)(?:/([0-9]{1,2}))?");
    /** Longer than any clock change: a time this far before {@code after} cannot fire after it. */
    private static final long CLOCK_CHANGE_HOURS = 3;
    /** Every day-of-month and day-of-week combination comes back within the 28-year calendar cycle. */
    private static final int SEARCH_YEARS = 29;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;
    private final boolean everyHour;

    private CronSchedule(String expression, BitSet[] fields, String[] texts) {
        this.expression = expression;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.daysOfMonth = fields[2];
        this.months = fields[3];
        this.daysOfWeek = fields[4];
        this.anyDayOfMonth = texts[2].startsWith("*");
        this.anyDayOfWeek = texts[4].startsWith("*");
        this.everyHour = texts[1].startsWith("*");
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code schedule} and how to write it */
    public static CronSchedule parse(String schedule) {
        String shown = Values.quoted(schedule);
        String trimmed = schedule.strip();
        if (trimmed.startsWith("@")) {
            throw new IllegalArgumentException(shown + " is a shorthand; " + EXAMPLE);
        }
        String[] texts = trimmed.isEmpty() ? new String[0] : trimmed.split("[ \\t]+");
        if (texts.length != 5) {
            throw new IllegalArgumentException(shown + " has " + texts.length + " field" + (texts.length == 1 ? "" : "s")
                    + ", not 5; " + EXAMPLE);
        }
        BitSet[] fields = new BitSet[5];
        for (int i = 0; i < 5; i++) {
            fields[i] = new BitSet(MAX[i] + 1);
            String problem = parseField(texts[i], MIN[i], MAX[i], fields[i]);
            if (problem != null) {
                throw new IllegalArgumentException(shown + ": the " + FIELDS[i] + " field " + Values.quoted(texts[i]) + " "
                        + problem + "; " + EXAMPLE);
            }
        }
        if (fields[4].get(7)) {
            fields[4].set(0);
            fields[4].clear(7);
        }
        CronSchedule parsed = new CronSchedule(trimmed, fields, texts);
        if (parsed.anyDayOfWeek && !parsed.anyDayOfMonth && !parsed.someMonthHasADay()) {
            throw new IllegalArgumentException(shown + " never comes: no month in it has day " + fields[2].nextSetBit(0)
                    + "; " + EXAMPLE);
        }
        return parsed;
    }

    /** Why {@code schedule} is not a cron schedule this agent runs, or empty when it is. */
    static Optional<String> problemWith(String schedule) {
        try {
            parse(schedule);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The first time this schedule fires strictly after {@code after}, on the clocks of {@code zone} (see the class
     * comment for the nights the clocks change).
     */
    public Instant next(Instant after, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        LocalDateTime cursor = LocalDateTime.ofInstant(after.minus(CLOCK_CHANGE_HOURS, ChronoUnit.HOURS), zone)
                .truncatedTo(ChronoUnit.MINUTES);
        Instant best = null;
        while (true) {
            LocalDateTime local = nextLocal(cursor);
            List<Instant> fires = firesAt(local, rules);
            for (Instant fire : fires) {
                if (fire.isAfter(after) && (best == null || fire.isBefore(best))) {
                    best = fire;
                }
            }
            // Later local times fire later, except the second pass through a repeated hour: keep looking until
            // even the first firing of a local time is past the best one.
            if (best != null && !fires.getFirst().isBefore(best)) {
                return best;
            }
            cursor = local.plusMinutes(1);
        }
    }

    /**
     * The first firing after {@code lastRun} when it is already due at {@code now}: what was missed while the agent
     * was down, to run once on start-up. Empty when nothing was missed.
     */
    public Optional<Instant> missedSince(Instant lastRun, Instant now, ZoneId zone) {
        Instant due = next(lastRun, zone);
        return due.isAfter(now) ? Optional.empty() : Optional.of(due);
    }

    /** The instants at which the local time {@code local} happens (none skipped: a skipped time fires at the jump). */
    private List<Instant> firesAt(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return List.of(local.toInstant(offsets.getFirst()));
        }
        ZoneOffsetTransition change = rules.getTransition(local);
        if (change.isGap()) {
            return List.of(change.getInstant());
        }
        Instant first = local.toInstant(change.getOffsetBefore());
        return everyHour ? List.of(first, local.toInstant(change.getOffsetAfter())) : List.of(first);
    }

    /** The first local minute at or after {@code from} that matches all five fields. */
    private LocalDateTime nextLocal(LocalDateTime from) {
        LocalDateTime t = from.truncatedTo(ChronoUnit.MINUTES);
        int lastYear = from.getYear() + SEARCH_YEARS;
        while (t.getYear() <= lastYear) {
            int month = months.nextSetBit(t.getMonthValue());
            if (month < 0) {
                t = LocalDate.of(t.getYear() + 1, 1, 1).atStartOfDay();
                continue;
            }
            if (month != t.getMonthValue()) {
                t = LocalDate.of(t.getYear(), month, 1).atStartOfDay();
            }
            if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            int hour = hours.nextSetBit(t.getHour());
            if (hour < 0) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            if (hour != t.getHour()) {
                t = t.withHour(hour).withMinute(0);
            }
            int minute = minutes.nextSetBit(t.getMinute());
            if (minute < 0) {
                t = t.withMinute(0).plusHours(1);
                continue;
            }
            return t.withMinute(minute);
        }
        // parse() refuses a schedule that never comes, so this is a bug, not a user's mistake.
        throw new IllegalStateException("the schedule " + expression + " does not fire within " + SEARCH_YEARS + " years");
    }

    private boolean dayMatches(LocalDate day) {
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
        return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
    }

    /** False for "30 2" (February 30th) and the like: a day of month that no month in the schedule has. */
    private boolean someMonthHasADay() {
        int smallestDay = daysOfMonth.nextSetBit(0);
        for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
            if (Month.of(m).maxLength() >= smallestDay) {
                return true;
            }
        }
        return false;
    }

    /** Sets the values of {@code field} in {@code into}; the problem with it, or null. */
    private static String parseField(String field, int min, int max, BitSet into) {
        for (String part : field.split(",", -1)) {
            Matcher m = PART.matcher(part);
            if (!m.matches()) {
                return "is not made of numbers, '*', ranges like 1-5, lists like 1,15 and steps like */15";
            }
            for (int group = 2; group <= 3; group++) {
                if (m.group(group) != null && (Integer.parseInt(m.group(group)) < min || Integer.parseInt(m.group(group)) > max)) {
                    return "has " + m.group(group) + ", outside " + min + "-" + max;
                }
            }
            if (m.group(3) != null && Integer.parseInt(m.group(3)) < Integer.parseInt(m.group(2))) {
                return "has a range that goes backwards";
            }
            if (m.group(4) != null && Integer.parseInt(m.group(4)) == 0) {
                return "has a step of 0";
            }
            int from = m.group(2) == null ? min : Integer.parseInt(m.group(2));
            // "5/15" counts from 5 to the end, as cronie reads it; a plain "5" is just 5.
            int to = m.group(3) != null ? Integer.parseInt(m.group(3)) : m.group(2) == null || m.group(4) != null ? max : from;
            int step = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            for (int v = from; v <= to; v += step) {
                into.set(v);
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && expression.equals(other.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** The schedule as written (trimmed). */
    @Override
    public String toString() {
        return expression;
    }
}
