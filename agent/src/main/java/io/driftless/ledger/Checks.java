package io.driftless.ledger;

import io.driftless.events.Reason;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the ledger's records and by every store, so a caller's bug fails at the call, and
 * fails the same way whichever store is behind the {@link Ledger}.
 */
public final class Checks {
    private static final Pattern MACHINE_WORD = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> LEVELS = Set.of("INFO", "WARN", "ERROR");

    private Checks() {}

    public static String revision(String sha) {
        if (sha == null || sha.isBlank() || sha.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("revision must be a commit SHA, not " + quote(sha));
        }
        return sha;
    }

    /** Reasons are matched by scripts and alert rules, so they are single CamelCase words. */
    public static String reason(String reason) {
        return machineWord("reason", reason);
    }

    public static String machineWord(String what, String word) {
        if (word == null || !MACHINE_WORD.matcher(word).matches()) {
            throw new IllegalArgumentException(
                    what + " must be a CamelCase word such as HealthGateFailed, not " + quote(word));
        }
        return word;
    }

    public static String level(String level) {
        String upper = level == null ? "" : level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException("event level must be INFO, WARN or ERROR, not " + quote(level));
        }
        return upper;
    }

    public static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    // --- one check per Ledger write, called first by every store ----------------------------------------

    /** recordAttempt, recordApplied and startRollout. */
    public static void revisionAt(String sha, Instant at) {
        revision(sha);
        Objects.requireNonNull(at, "at");
    }

    public static void failure(String sha, Reason reason, String message, Instant at) {
        revision(sha);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    public static void step(long rolloutId, String step, Instant started, Instant finished, String result) {
        if (step == null || step.isBlank()) {
            throw new IllegalArgumentException("rollout " + rolloutId + ": step name is blank");
        }
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(result, "result");
        if (finished.isBefore(started)) {
            throw new IllegalArgumentException("rollout " + rolloutId + ", step " + step + ": finished "
                    + finished + " before it started " + started);
        }
    }

    public static void finish(RolloutOutcome outcome, Reason reason, Instant at) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }

    /** @return the level in upper case, as stores keep it */
    public static String event(Instant at, String level, String message) {
        Objects.requireNonNull(at, "at");
        String normalised = level(level);
        Objects.requireNonNull(message, "message");
        return normalised;
    }

    /** @return an unmodifiable copy, each service named once */
    public static List<ServiceStatus> services(List<ServiceStatus> services, Instant at) {
        List<ServiceStatus> copy = List.copyOf(services);
        Objects.requireNonNull(at, "at");
        Set<String> names = new HashSet<>();
        for (ServiceStatus s : copy) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("service " + s.name() + " appears twice in the status to save");
            }
        }
        return copy;
    }

    public static int limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return limit;
    }

    /** What a store throws for a rollout id it never handed out (or has pruned). */
    public static IllegalArgumentException noRollout(long rolloutId) {
        return new IllegalArgumentException("no rollout " + rolloutId + " in the ledger (ids come from startRollout)");
    }

    /** Finishing twice is a bug in the caller; overwriting would rewrite history. */
    public static IllegalStateException finishedTwice(long rolloutId, RolloutOutcome outcome) {
        return new IllegalStateException("rollout " + rolloutId + " already finished as " + outcome);
    }

    // --- backups -------------------------------------------------------------------------------------------

    /** A backup policy's name as the manifest spells it; printed in columns, so one word. */
    public static String policy(String name) {
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("backup name must be one word of at most 100 characters, not "
                    + quote(name));
        }
        return name;
    }

    public static void backup(String name, BackupKind kind, Instant at, String file, long sizeBytes, String sha256) {
        policy(name);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("backup of " + name + ": file is blank");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("backup of " + name + ": size " + sizeBytes + " is negative");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("backup of " + name + ": sha256 must be 64 lowercase hex digits, not "
                    + quote(sha256));
        }
    }

    public static void backupFailure(String name, BackupKind kind, Reason reason, String message, Instant at) {
        policy(name);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    /** recordSchedules: @return an unmodifiable copy, each policy named once */
    public static List<BackupSchedule> schedules(List<BackupSchedule> schedules) {
        List<BackupSchedule> copy = List.copyOf(schedules);
        Set<String> names = new HashSet<>();
        for (BackupSchedule s : copy) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("backup " + s.name() + " appears twice in the schedules to record");
            }
        }
        return copy;
    }

    public static void snapshotRestore(String name, Instant at, long snapshotId, Instant writesUndoneFrom,
            Instant writesUndoneTo, String revision, String service, String keptAs) {
        policy(name);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(writesUndoneFrom, "writesUndoneFrom");
        Objects.requireNonNull(writesUndoneTo, "writesUndoneTo");
        revision(revision);
        if (snapshotId < 1) {
            throw new IllegalArgumentException("snapshot restore of " + name + ": snapshot id " + snapshotId
                    + " is not a backup id (ids come from recordBackup)");
        }
        if (writesUndoneTo.isBefore(writesUndoneFrom)) {
            throw new IllegalArgumentException("snapshot restore of " + name + ": the writes undone end at "
                    + writesUndoneTo + ", before they start at " + writesUndoneFrom);
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("snapshot restore of " + name + ": service is blank");
        }
        if (keptAs == null || keptAs.isBlank()) {
            throw new IllegalArgumentException("snapshot restore of " + name + ": keptAs (the replaced database's"
                    + " name) is blank");
        }
    }

    /** What a store throws for a backup id it never handed out, or one of a failed run (which has no file). */
    public static IllegalArgumentException noBackup(long backupId) {
        return new IllegalArgumentException("no stored backup " + backupId + " in the ledger (ids come from recordBackup)");
    }

    /** Deleting twice is a bug in the caller; the first time is when the file went. */
    public static IllegalStateException deletedTwice(long backupId) {
        return new IllegalStateException("backup " + backupId + " was already deleted by rotation");
    }
}
