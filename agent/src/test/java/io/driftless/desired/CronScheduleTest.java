package io.driftless.desired;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a cron schedule fires next: crontab(5)'s rules, in UTC and across daylight saving changes. */
class CronScheduleTest {
    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static Instant at(String utc) {
        return Instant.parse(utc);
    }

    /** The next {@code count} firings after {@code after}. */
    static List<Instant> firings(String schedule, String after, ZoneId zone, int count) {
        CronSchedule cron = CronSchedule.parse(schedule);
        List<Instant> out = new ArrayList<>();
        Instant t = at(after);
        for (int i = 0; i < count; i++) {
            t = cron.next(t, zone);
            out.add(t);
        }
        return out;
    }

    @Test
    void dailyAtThreeFiresAtThreeAndStrictlyAfterTheGivenTime() {
        CronSchedule cron = CronSchedule.parse("0 3 * * *");

        assertEquals(at("2026-11-21T03:00:00Z"), cron.next(at("2026-11-21T02:59:59Z"), UTC));
        assertEquals(at("2026-11-22T03:00:00Z"), cron.next(at("2026-11-21T03:00:00Z"), UTC), "not the same instant again");
        assertEquals(at("2026-11-22T03:00:00Z"), cron.next(at("2026-11-21T03:00:00.001Z"), UTC));
    }

    @Test
    void stepsListsAndRangesCombine() {
        assertEquals(List.of(at("2026-11-21T10:15:00Z"), at("2026-11-21T10:30:00Z"), at("2026-11-21T10:45:00Z"),
                at("2026-11-21T11:00:00Z")), firings("*/15 * * * *", "2026-11-21T10:07:00Z", UTC, 4));
        assertEquals(List.of(at("2026-11-21T09:00:00Z"), at("2026-11-21T09:30:00Z"), at("2026-11-21T13:00:00Z"),
                at("2026-11-21T13:30:00Z"), at("2026-11-21T17:00:00Z"), at("2026-11-21T17:30:00Z"),
                at("2026-11-22T09:00:00Z")), firings("0,30 9-17/4 * * *", "2026-11-21T08:00:00Z", UTC, 7));
        assertEquals(List.of(at("2026-11-21T10:05:00Z"), at("2026-11-21T10:25:00Z"), at("2026-11-21T10:45:00Z"),
                at("2026-11-21T11:05:00Z")), firings("5/20 * * * *", "2026-11-21T10:00:00Z", UTC, 4),
                "N/step counts from N to the end of the field");
        assertEquals(List.of(at("2026-11-21T00:00:00Z"), at("2026-11-21T01:00:00Z"), at("2026-11-21T02:00:00Z"),
                at("2026-11-21T05:00:00Z")), firings("0 0-2,5 * * *", "2026-11-20T23:00:00Z", UTC, 4));
    }

    @Test
    void monthsAndYearsRollOver() {
        assertEquals(at("2027-01-01T00:00:00Z"), CronSchedule.parse("0 0 1 1 *").next(at("2026-06-01T00:00:00Z"), UTC));
        assertEquals(at("2027-01-01T00:00:00Z"), CronSchedule.parse("0 0 * * *").next(at("2026-12-31T00:00:00Z"), UTC));
        assertEquals(List.of(at("2026-05-31T00:00:00Z"), at("2026-07-31T00:00:00Z"), at("2026-08-31T00:00:00Z")),
                firings("0 0 31 * *", "2026-04-01T00:00:00Z", UTC, 3), "months without a 31st are skipped");
        assertEquals(at("2028-02-29T12:00:00Z"), CronSchedule.parse("0 12 29 2 *").next(at("2026-03-01T00:00:00Z"), UTC),
                "the next leap day");
        assertEquals(List.of(at("2026-12-01T08:00:00Z"), at("2027-03-01T08:00:00Z"), at("2027-06-01T08:00:00Z")),
                firings("0 8 1 3,6,12 *", "2026-11-21T00:00:00Z", UTC, 3));
    }

    @Test
    void weekdaysAndBothSpellingsOfSunday() {
        // 2026-11-20 is a Friday.
        assertEquals(List.of(at("2026-11-23T09:00:00Z"), at("2026-11-24T09:00:00Z")),
                firings("0 9 * * 1-5", "2026-11-20T09:00:00Z", UTC, 2), "Saturday and Sunday are skipped");
        assertEquals(firings("0 0 * * 0", "2026-11-01T00:00:00Z", UTC, 5), firings("0 0 * * 7", "2026-11-01T00:00:00Z", UTC, 5));
        assertEquals(List.of(at("2026-11-27T00:00:00Z"), at("2026-11-28T00:00:00Z"), at("2026-11-29T00:00:00Z"),
                at("2026-12-04T00:00:00Z")), firings("0 0 * * 5-7", "2026-11-23T00:00:00Z", UTC, 4), "5-7 is Friday to Sunday");
        for (Instant sunday : firings("30 4 * * 0,7", "2026-01-01T00:00:00Z", UTC, 10)) {
            assertEquals(DayOfWeek.SUNDAY, sunday.atZone(UTC).getDayOfWeek());
        }
    }

    @Test
    void bothDayFieldsRestrictedMeansEitherMatches() {
        // Every 13th and every Friday (2026-11-13 is a Friday).
        assertEquals(List.of(at("2026-11-06T00:00:00Z"), at("2026-11-13T00:00:00Z"), at("2026-11-20T00:00:00Z"),
                at("2026-11-27T00:00:00Z"), at("2026-12-04T00:00:00Z"), at("2026-12-11T00:00:00Z"), at("2026-12-13T00:00:00Z")),
                firings("0 0 13 * 5", "2026-11-01T00:00:00Z", UTC, 7));
    }

    @Test
    void aDayFieldStartingWithAStarDoesNotCountAsRestricted() {
        assertEquals(List.of(at("2026-11-02T00:00:00Z"), at("2026-11-09T00:00:00Z")),
                firings("0 0 * * 1", "2026-11-01T00:00:00Z", UTC, 2), "Mondays only");
        assertEquals(List.of(at("2026-12-01T00:00:00Z"), at("2027-01-01T00:00:00Z")),
                firings("0 0 1 * *", "2026-11-21T00:00:00Z", UTC, 2), "the 1st only");
        // As crontab(5) says: */10 starts with '*', so the days must match both fields: Mondays that are the 1st,
        // 11th, 21st or 31st (2026-12-21 is a Monday).
        assertEquals(List.of(at("2026-12-21T00:00:00Z"), at("2027-01-11T00:00:00Z")),
                firings("0 0 */10 * 1", "2026-11-21T00:00:00Z", UTC, 2));
    }

    @Test
    void aTimeInTheSpringForwardGapFiresOnceWhenTheClocksJump() {
        // Berlin, 2026-03-29: 02:00 CET (01:00Z) becomes 03:00 CEST.
        assertEquals(List.of(at("2026-03-28T01:30:00Z"), at("2026-03-29T01:00:00Z"), at("2026-03-30T00:30:00Z")),
                firings("30 2 * * *", "2026-03-28T00:00:00Z", BERLIN, 3));
        assertEquals(List.of(at("2026-03-29T00:30:00Z"), at("2026-03-29T01:00:00Z"), at("2026-03-29T01:30:00Z")),
                firings("*/30 * * * *", "2026-03-29T00:00:00Z", BERLIN, 3),
                "02:00 and 02:30 do not exist: one firing at 03:00 CEST, then every 30 minutes again");
        assertEquals(List.of(at("2026-03-28T02:00:00Z"), at("2026-03-29T01:00:00Z"), at("2026-03-30T01:00:00Z")),
                firings("0 3 * * *", "2026-03-28T00:00:00Z", BERLIN, 3), "03:00 itself exists on both sides");
        // New York, 2026-03-08: 02:00 EST (07:00Z) becomes 03:00 EDT.
        assertEquals(List.of(at("2026-03-07T07:00:00Z"), at("2026-03-08T07:00:00Z"), at("2026-03-09T06:00:00Z")),
                firings("0 2 * * *", "2026-03-07T00:00:00Z", NEW_YORK, 3));
    }

    @Test
    void aTimeThatHappensTwiceFiresOnceUnlessTheHourFieldIsAStar() {
        // Berlin, 2026-10-25: 03:00 CEST (01:00Z) goes back to 02:00 CET, so 02:00-02:59 happens twice.
        assertEquals(List.of(at("2026-10-24T00:30:00Z"), at("2026-10-25T00:30:00Z"), at("2026-10-26T01:30:00Z")),
                firings("30 2 * * *", "2026-10-24T00:00:00Z", BERLIN, 3), "a daily job runs once that night");
        assertEquals(List.of(at("2026-10-25T00:00:00Z"), at("2026-10-25T00:20:00Z"), at("2026-10-25T00:40:00Z"),
                at("2026-10-26T01:00:00Z")), firings("*/20 2 * * *", "2026-10-24T23:50:00Z", BERLIN, 4),
                "a fixed hour: only its first pass");
        assertEquals(List.of(at("2026-10-25T00:00:00Z"), at("2026-10-25T01:00:00Z"), at("2026-10-25T02:00:00Z")),
                firings("0 * * * *", "2026-10-24T23:30:00Z", BERLIN, 3), "an hourly job keeps its real-time rhythm");
        assertEquals(List.of(at("2026-10-25T00:40:00Z"), at("2026-10-25T01:00:00Z"), at("2026-10-25T01:20:00Z")),
                firings("*/20 * * * *", "2026-10-25T00:20:00Z", BERLIN, 3), "every 20 minutes through both passes");
        assertEquals(at("2026-10-25T01:20:00Z"), CronSchedule.parse("*/20 * * * *").next(at("2026-10-25T01:10:00Z"), BERLIN),
                "asked from inside the second pass");
        // New York, 2026-11-01: 02:00 EDT (06:00Z) goes back to 01:00 EST.
        assertEquals(List.of(at("2026-11-01T05:30:00Z"), at("2026-11-02T06:30:00Z")),
                firings("30 1 * * *", "2026-10-31T12:00:00Z", NEW_YORK, 2));
    }

    @Test
    void otherZonesShiftTheFiringsAndUtcIsTheDefaultOfTheAgent() {
        assertEquals(at("2026-11-20T21:30:00Z"), CronSchedule.parse("0 3 * * *").next(at("2026-11-20T12:00:00Z"), ZoneId.of("Asia/Kolkata")));
        assertEquals(at("2026-11-21T03:00:00Z"), CronSchedule.parse("0 3 * * *").next(at("2026-11-20T12:00:00Z"), UTC));
    }

    @Test
    void aMissedFiringIsReportedOnceWithTheFirstOneMissed() {
        CronSchedule nightly = CronSchedule.parse("0 3 * * *");

        assertEquals(Optional.of(at("2026-11-21T03:00:00Z")),
                nightly.missedSince(at("2026-11-20T03:00:05Z"), at("2026-11-21T09:00:00Z"), UTC), "the agent was down at 03:00");
        assertEquals(Optional.empty(), nightly.missedSince(at("2026-11-21T03:00:05Z"), at("2026-11-21T09:00:00Z"), UTC));
        assertEquals(Optional.of(at("2026-11-19T03:00:00Z")),
                nightly.missedSince(at("2026-11-18T03:00:00Z"), at("2026-11-21T09:00:00Z"), UTC), "days down: one catch-up");
        assertEquals(Optional.of(at("2026-11-21T03:00:00Z")),
                nightly.missedSince(at("2026-11-20T03:00:00Z"), at("2026-11-21T03:00:00Z"), UTC), "due this very instant");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 0 30 2 *   | never comes: no month in it has day 30",
            "0 0 31 4,6 * | never comes: no month in it has day 31",
            "0 0 1-5 * 8  | outside 0-7"})
    void schedulesThatNeverComeAreRefused(String schedule, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(schedule));

        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(Optional.of(e.getMessage()), CronSchedule.problemWith(schedule), "one parser for both");
    }

    @Test
    void rareButRealDaysAreAccepted() {
        assertEquals(Optional.empty(), CronSchedule.problemWith("0 0 29 2 *"));
        assertEquals(Optional.empty(), CronSchedule.problemWith("0 0 30 2 1"), "Mondays in February, by the either-field rule");
        assertEquals(at("2027-02-01T00:00:00Z"), CronSchedule.parse("0 0 30 2 1").next(at("2026-11-21T00:00:00Z"), UTC));
    }

    @Test
    void agreesWithAMinuteByMinuteSearchOnRandomSchedules() {
        Random random = new Random(6);
        String[][] choices = {
                {"*", "*/7", "0", "5,35", "10-20/5", "59", "3/25"},
                {"*", "*/5", "0", "3", "9-17", "22,23", "*/11"},
                {"*", "1", "15", "28-31", "*/10", "1,15", "31"},
                {"*", "2", "*/3", "1-6", "11,12", "4/4"},
                {"*", "0", "1-5", "6,7", "*/2", "3"}};
        int checked = 0;
        for (int n = 0; n < 120; n++) {
            StringBuilder schedule = new StringBuilder();
            for (String[] field : choices) {
                schedule.append(schedule.isEmpty() ? "" : " ").append(field[random.nextInt(field.length)]);
            }
            if (CronSchedule.problemWith(schedule.toString()).isPresent()) {
                continue;
            }
            CronSchedule cron = CronSchedule.parse(schedule.toString());
            Instant after = at("2026-01-01T00:00:00Z").plus(random.nextInt(365 * 24 * 60), ChronoUnit.MINUTES).plusSeconds(random.nextInt(60));
            Instant expected = bruteForce(schedule.toString(), after);
            if (expected != null) {
                assertEquals(expected, cron.next(after, UTC), schedule + " after " + after);
                checked++;
            }
        }
        assertTrue(checked > 60, "most random schedules were compared: " + checked);
    }

    /** The oracle: every minute of the 400 days after {@code after}, checked field by field from the text. */
    private static Instant bruteForce(String schedule, Instant after) {
        String[] f = schedule.split(" ");
        boolean[][] allowed = new boolean[5][];
        int[] max = {59, 23, 31, 12, 7};
        for (int i = 0; i < 5; i++) {
            allowed[i] = new boolean[max[i] + 1];
            for (int v = 0; v <= max[i]; v++) {
                allowed[i][v] = matches(f[i], v, i == 2 || i == 3 ? 1 : 0, max[i]);
            }
        }
        LocalDateTime day = LocalDateTime.ofInstant(after, UTC).truncatedTo(ChronoUnit.DAYS);
        for (int d = 0; d < 400; d++, day = day.plusDays(1)) {
            int dow = day.getDayOfWeek().getValue() % 7;
            boolean dom = allowed[2][day.getDayOfMonth()];
            boolean wd = allowed[4][dow] || (dow == 0 && allowed[4][7]);
            boolean dayMatches = f[2].startsWith("*") || f[4].startsWith("*") ? dom && wd : dom || wd;
            if (!allowed[3][day.getMonthValue()] || !dayMatches) {
                continue;
            }
            for (int h = 0; h < 24; h++) {
                for (int m = 0; m < 60; m++) {
                    Instant t = day.withHour(h).withMinute(m).toInstant(ZoneOffset.UTC);
                    if (allowed[0][m] && allowed[1][h] && t.isAfter(after)) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    private static boolean matches(String field, int value, int min, int max) {
        for (String part : field.split(",")) {
            String[] stepped = part.split("/");
            int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
            int from;
            int to;
            if (stepped[0].equals("*")) {
                from = min;
                to = max;
            } else if (stepped[0].contains("-")) {
                from = Integer.parseInt(stepped[0].split("-")[0]);
                to = Integer.parseInt(stepped[0].split("-")[1]);
            } else {
                from = Integer.parseInt(stepped[0]);
                to = stepped.length == 2 ? max : from;
            }
            if (value >= from && value <= to && (value - from) % step == 0) {
                return true;
            }
        }
        return false;
    }
}
