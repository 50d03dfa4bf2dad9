package io.driftless.desired;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The five-field cron schedule of a backup: minute hour day-of-month month day-of-week. */
final class CronSchedule {
    static final String EXAMPLE = "write five fields like \"0 3 * * *\" (minute hour day-of-month month day-of-week)";

    private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 7};
    private static final Pattern PART = Pattern.compile("(\\*|([0-9]{1,2})(?:-([0-9]{1,2}))?)(?:/([0-9]{1,2}))?");

    private CronSchedule() {
    }

    /** Why {@code schedule} is not a cron schedule this agent runs, or empty when it is. */
    static Optional<String> problemWith(String schedule) {
        String shown = Values.quoted(schedule);
        String trimmed = schedule.strip();
        if (trimmed.startsWith("@")) {
            return Optional.of(shown + " is a shorthand; " + EXAMPLE);
        }
        String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("[ \\t]+");
        if (fields.length != 5) {
            return Optional.of(shown + " has " + fields.length + " field" + (fields.length == 1 ? "" : "s")
                    + ", not 5; " + EXAMPLE);
        }
        for (int i = 0; i < 5; i++) {
            String problem = fieldProblem(fields[i], MIN[i], MAX[i]);
            if (problem != null) {
                return Optional.of(shown + ": the " + FIELDS[i] + " field " + Values.quoted(fields[i]) + " " + problem
                        + "; " + EXAMPLE);
            }
        }
        return Optional.empty();
    }

    private static String fieldProblem(String field, int min, int max) {
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
        }
        return null;
    }
}
