package io.driftless.ledger;

import io.driftless.events.Commits;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code driftless status} for a person: a header (revisions, when the agent last looked, each condition), the
 * services as an aligned table, then the failed revisions with reason and message. Revisions are shortened to
 * 12 characters; {@code --json} has them in full.
 */
public final class StatusTable {
    static final int MAX_FAILED_SHOWN = 10;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_OF_DAY =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String NONE = "-";

    private StatusTable() {}

    /** @param now the reader's clock, to say how long ago things happened (a stale status means a stopped agent) */
    public static String render(Status status, Instant now) {
        StringBuilder out = new StringBuilder();
        header(out, status, now);
        out.append('\n');
        services(out, status.services());
        out.append('\n');
        failures(out, status.failedRevisions(), now);
        if (!status.backups().isEmpty()) {
            out.append('\n');
            backups(out, status.backups(), now);
        }
        return out.toString();
    }

    private static void header(StringBuilder out, Status status, Instant now) {
        List<String[]> lines = new ArrayList<>();
        if (status.suspended() != null) {
            Suspension s = status.suspended();
            lines.add(new String[] {"SUSPENDED:", "no new commit is applied; what runs is still repaired (since "
                    + when(s.at(), now) + " by " + s.by() + (s.reason() == null ? "" : ": " + oneLine(s.reason()))
                    + "; 'driftless resume' ends it)"});
        }
        lines.add(new String[] {"Last applied:", status.lastAppliedRevision() == null
                ? "none yet" : shortSha(status.lastAppliedRevision()) + "  (last known-good)"});
        lines.add(new String[] {"Last attempted:", attempted(status)});
        lines.add(new String[] {"Observed:", status.observedAt() == null
                ? "never (the agent has not finished a pass yet)" : when(status.observedAt(), now)});
        for (Condition c : status.conditions()) {
            lines.add(new String[] {c.type() + ":", condition(c, now)});
        }
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0) + 2;
        for (String[] line : lines) {
            out.append(pad(line[0], width)).append(line[1]).append('\n');
        }
    }

    private static String attempted(Status status) {
        String sha = status.lastAttemptedRevision();
        if (sha == null) {
            return "none yet";
        }
        Optional<FailedRevision> failed =
                status.failedRevisions().stream().filter(f -> f.revision().equals(sha)).findFirst();
        if (failed.isPresent()) {
            return shortSha(sha) + "  FAILED: " + failed.get().reason() + " (see below)";
        }
        return shortSha(sha) + (sha.equals(status.lastAppliedRevision()) ? "  (applied)" : "");
    }

    private static String condition(Condition c, Instant now) {
        StringBuilder s = new StringBuilder(pad(c.status(), 8));
        if (c.reason() != null) {
            s.append(c.reason());
        }
        if (c.message() != null && !c.message().isBlank()) {
            s.append(c.reason() == null ? "" : ": ").append(oneLine(c.message()));
        }
        return s.append("  (since ").append(TIME.format(c.lastTransitionTime())).append(", ")
                .append(ago(Duration.between(c.lastTransitionTime(), now))).append(')').toString();
    }

    private static void services(StringBuilder out, List<ServiceStatus> services) {
        if (services.isEmpty()) {
            out.append("Services: none\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "IMAGE", "REVISION", "SLOT", "CONTAINER", "STATE"});
        for (ServiceStatus s : services) {
            rows.add(new String[] {s.name(), orNone(s.image()), shortSha(s.revision()), orNone(s.slot()),
                    shortSha(s.container()), orNone(s.state())});
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static void failures(StringBuilder out, List<FailedRevision> failed, Instant now) {
        if (failed.isEmpty()) {
            out.append("Failed revisions: none\n");
            return;
        }
        out.append("Failed revisions (newest first; not retried until a new commit or reconcile --retry):\n");
        for (FailedRevision f : failed.subList(0, Math.min(failed.size(), MAX_FAILED_SHOWN))) {
            out.append("  ").append(shortSha(f.revision())).append("  ").append(f.reason())
                    .append("  ").append(when(f.failedAt(), now)).append('\n');
            for (String line : f.message().strip().split("\\R")) {
                out.append("      ").append(line.strip()).append('\n');
            }
        }
        if (failed.size() > MAX_FAILED_SHOWN) {
            out.append("  ... and ").append(failed.size() - MAX_FAILED_SHOWN)
                    .append(" older (driftless status --json lists them all)\n");
        }
    }

    /**
     * Per policy: its newest backup (age, size, verified, offsite) on the name's line, then a newer failed run, the
     * next backup, the last drill (time, duration, result), the next drill, and the newest snapshot restore with the
     * writes it undid.
     */
    private static void backups(StringBuilder out, List<BackupStatus> backups, Instant now) {
        out.append("Backups:\n");
        for (BackupStatus b : backups) {
            BackupStatus.LastBackup last = b.lastBackup();
            out.append("  ").append(b.name()).append("  ");
            if (last == null) {
                out.append("no backup yet");
            } else {
                out.append(when(last.at(), now)).append("  ").append(io.driftless.events.Sizes.human(last.sizeBytes()))
                        .append(last.verified() ? "  verified" : "  NOT verified")
                        .append(last.offsite() == null ? "  no offsite copy"
                                : Offsite.COPIED.equals(last.offsite().state()) ? "  offsite copied"
                                : "  offsite copy FAILED");
            }
            out.append('\n');
            if (b.lastFailure() != null) {
                out.append("      FAILED: ").append(b.lastFailure().reason()).append("  ")
                        .append(when(b.lastFailure().at(), now)).append(": ")
                        .append(oneLine(b.lastFailure().message())).append('\n');
            }
            out.append("      next backup  ").append(next(b.nextBackupAt(), now)).append('\n');
            out.append("      last drill   ").append(drill(b.lastDrill(), now)).append('\n');
            out.append("      next drill   ").append(next(b.nextDrillAt(), now)).append('\n');
            if (b.lastSnapshotRestore() != null) {
                restore(out, b.lastSnapshotRestore());
            }
        }
    }

    private static String next(Instant at, Instant now) {
        if (at == null) {
            return "not scheduled";
        }
        Duration until = Duration.between(now, at);
        return TIME.format(at) + " (" + (until.toSeconds() < 1 ? "due " + ago(until.negated()) : "in " + span(until))
                + ")";
    }

    private static String drill(BackupStatus.LastDrill drill, Instant now) {
        if (drill == null) {
            return "none yet";
        }
        String took = when(drill.at(), now) + ", took " + seconds(drill.durationMs());
        return drill.passed() ? took + ": passed" : took + ": FAILED: " + oneLine(drill.message());
    }

    /** The window's ends as times of day, with the date when it is not the restore's. */
    private static void restore(StringBuilder out, BackupStatus.SnapshotRestore r) {
        out.append("      snapshot restored ").append(TIME.format(r.at())).append(" (snapshot #").append(r.snapshotId())
                .append("): writes from ").append(timeOn(r.writesUndoneFrom(), r.at())).append(" to ")
                .append(timeOn(r.writesUndoneTo(), r.at())).append(" undone\n");
        if (r.keptAs() != null) {
            out.append("          the replaced database is kept as ").append(r.keptAs()).append(" (rollout of ")
                    .append(shortSha(r.revision())).append(", service ").append(r.service()).append(")\n");
        }
    }

    private static String timeOn(Instant at, Instant day) {
        String date = DAY.format(at);
        return date.equals(DAY.format(day)) ? TIME_OF_DAY.format(at) : date + " " + TIME_OF_DAY.format(at);
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    /** Full SHAs and 64-character container ids are cut as git and docker print them; container names stay whole. */
    static String shortSha(String value) {
        if (value == null) {
            return NONE;
        }
        return value.chars().allMatch(ch -> Character.digit(ch, 16) >= 0) ? Commits.shortSha(value) : value;
    }

    static String when(Instant at, Instant now) {
        return TIME.format(at) + " (" + ago(Duration.between(at, now)) + ")";
    }

    static String ago(Duration d) {
        return d.toSeconds() < 1 ? "just now" : span(d) + " ago";
    }

    /** A positive duration, short: {@code 59s}, {@code 2m}, {@code 3h 2m}, {@code 3d}. */
    static String span(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 2 * 86400) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        return s / 86400 + "d";
    }

    static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " / ");
    }

    static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
