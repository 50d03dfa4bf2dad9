package io.driftless.ledger;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A backup run as every store keeps it: stored (a file) or failed (a reason), and later copied offsite or deleted
 * by rotation. The stores derive {@code backup list} and {@code status} from these rows with the functions here, so
 * they cannot drift apart.
 *
 * @param failureReason null for a stored backup
 */
public record BackupRow(long id, String name, BackupKind kind, Instant at, String file, long sizeBytes,
        String sha256, boolean verified, Offsite offsite, Instant deletedAt, String failureReason,
        String failureMessage) {
    /** Oldest first; the same millisecond in the order recorded. */
    public static final Comparator<BackupRow> OLDEST_FIRST =
            Comparator.comparing(BackupRow::at).thenComparingLong(BackupRow::id);

    /** A drill as the stores keep it. */
    public record Drill(long id, DrillRecord drill) {}

    /** A snapshot restore as the stores keep it. */
    public record Restore(long id, SnapshotRestoreRecord restore) {}

    public static BackupRow stored(long id, NewBackup b) {
        return new BackupRow(id, b.name(), b.kind(), b.at(), b.file(), b.sizeBytes(), b.sha256(), b.verified(),
                null, null, null, null);
    }

    public static BackupRow failed(long id, String name, BackupKind kind, String reason, String message, Instant at) {
        return new BackupRow(id, name, kind, at, null, 0, null, false, null, null, reason, message);
    }

    public boolean isStored() {
        return failureReason == null;
    }

    /** Rows {@link Ledger#KEEP_BACKUP_HISTORY} ids older than {@code newestId} that are history, not a stored file. */
    public boolean prunable(long newestId) {
        return (!isStored() || deletedAt != null) && id <= newestId - Ledger.KEEP_BACKUP_HISTORY;
    }

    public BackupRow withVerified(boolean good) {
        return new BackupRow(id, name, kind, at, file, sizeBytes, sha256, good, offsite, deletedAt, failureReason,
                failureMessage);
    }

    public BackupRow withOffsite(Offsite copy) {
        return new BackupRow(id, name, kind, at, file, sizeBytes, sha256, verified, copy, deletedAt, failureReason,
                failureMessage);
    }

    public BackupRow deleted(Instant when) {
        return new BackupRow(id, name, kind, at, file, sizeBytes, sha256, verified, offsite, when, failureReason,
                failureMessage);
    }

    public BackupRecord record() {
        return new BackupRecord(id, name, kind, at, file, sizeBytes, sha256, verified, offsite);
    }

    /** {@link Ledger#storedBackups}: of {@code rows}, those of {@code name} whose file is kept, oldest first. */
    public static List<BackupRecord> storedOf(List<BackupRow> rows, String name) {
        return rows.stream().filter(r -> r.name.equals(name) && r.isStored() && r.deletedAt == null)
                .sorted(OLDEST_FIRST).map(BackupRow::record).toList();
    }

    /**
     * {@link Ledger#backupStatus}: one entry per policy in {@code rows}, {@code drills}, {@code restores} or
     * {@code schedules} (each policy at most once), by name.
     */
    public static List<BackupStatus> status(List<BackupRow> rows, List<Drill> drills, List<Restore> restores,
            List<BackupSchedule> schedules) {
        Map<String, List<BackupRow>> byName = rows.stream().collect(Collectors.groupingBy(BackupRow::name));
        Map<String, Drill> lastDrill = drills.stream().collect(Collectors.toMap(d -> d.drill().name(),
                Function.identity(), (a, b) -> newer(a, b)));
        Map<String, Restore> lastRestore = restores.stream().collect(Collectors.toMap(r -> r.restore().name(),
                Function.identity(), (a, b) -> newer(a, b)));
        Map<String, BackupSchedule> schedule = schedules.stream()
                .collect(Collectors.toMap(BackupSchedule::name, Function.identity()));
        Set<String> names = new HashSet<>(byName.keySet());
        names.addAll(lastDrill.keySet());
        names.addAll(lastRestore.keySet());
        names.addAll(schedule.keySet());
        // Sorted here, not by ORDER BY: a database's collation may order names differently.
        TreeMap<String, BackupStatus> status = new TreeMap<>();
        for (String name : names) {
            List<BackupRow> runs = byName.getOrDefault(name, List.of()).stream().sorted(OLDEST_FIRST).toList();
            Optional<BackupRow> last = runs.stream().filter(BackupRow::isStored).reduce((a, b) -> b);
            Optional<BackupRow> failure = runs.stream().filter(r -> !r.isStored())
                    .filter(r -> last.isEmpty() || OLDEST_FIRST.compare(r, last.get()) > 0).reduce((a, b) -> b);
            Drill drill = lastDrill.get(name);
            Restore restore = lastRestore.get(name);
            BackupSchedule next = schedule.get(name);
            status.put(name, new BackupStatus(name,
                    last.map(b -> new BackupStatus.LastBackup(b.id, b.at, b.sizeBytes, b.sha256, b.verified,
                            b.offsite)).orElse(null),
                    failure.map(f -> new BackupStatus.BackupFailure(f.at, f.failureReason, f.failureMessage))
                            .orElse(null),
                    drill == null ? null : new BackupStatus.LastDrill(drill.drill().at(), drill.drill().passed(),
                            drill.drill().durationMs(), drill.drill().message()),
                    restore == null ? null : BackupStatus.SnapshotRestore.of(restore.restore()),
                    next == null ? null : next.nextBackupAt(),
                    next == null ? null : next.nextDrillAt()));
        }
        return List.copyOf(status.values());
    }

    private static Drill newer(Drill a, Drill b) {
        int byTime = a.drill().at().compareTo(b.drill().at());
        return byTime > 0 || (byTime == 0 && a.id() > b.id()) ? a : b;
    }

    private static Restore newer(Restore a, Restore b) {
        int byTime = a.restore().at().compareTo(b.restore().at());
        return byTime > 0 || (byTime == 0 && a.id() > b.id()) ? a : b;
    }
}
