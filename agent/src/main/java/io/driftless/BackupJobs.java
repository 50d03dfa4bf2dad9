package io.driftless;

import io.driftless.backup.BackupKind;
import io.driftless.backup.BackupRunner;
import io.driftless.desired.Backup;
import io.driftless.desired.CronSchedule;
import io.driftless.ledger.BackupSchedule;
import io.driftless.ledger.BackupStatus;
import io.driftless.ledger.Ledger;
import io.driftless.rollout.Reconciler;
import io.driftless.rollout.RepositoryException;
import io.driftless.schedule.CronJob;
import io.driftless.schedule.Scheduled;
import io.driftless.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.driftless.events.Commits.shortSha;

/**
 * The backups and restore drills of {@code run}: one cron job per policy's {@code schedule} and one per {@code
 * verify.restore}, in the agent's one scheduler beside the poll loop, following the manifest the host runs. After
 * each pass the jobs are brought in line with that manifest's policies (a new policy gets its jobs, a removed one
 * loses them, a changed schedule is re-registered), and the next runs are written to the ledger for {@code status}
 * (while a job runs, its next run is written after the pass that follows it).
 * A job always runs the policy as the host's manifest says it at the time of the run.
 */
final class BackupJobs {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    /** The drill cadences the manifest names by a word: after the night's backups, on Sunday, on the 1st. */
    static final Map<String, String> DRILL_WORDS = Map.of("daily", "0 5 * * *", "weekly", "0 5 * * 0", "monthly", "0 5 1 * *");

    private final Scheduler scheduler;
    private final BackupRunner runner;
    private final HostManifests hosts;
    private final Ledger ledger;
    private final ZoneId zone;
    private final Duration deadline;

    // Guarded by this.
    private final Map<String, Job> backups = new HashMap<>();
    private final Map<String, Job> drills = new HashMap<>();
    private Reconciler.HostManifest current;
    /** What the ledger was last told, so a pass that changed nothing writes nothing. */
    private List<BackupSchedule> recorded = List.of();

    /** The manifest the host runs: {@link Reconciler#hostManifest()} in the agent. */
    @FunctionalInterface
    interface HostManifests {
        Reconciler.HostManifest get() throws RepositoryException, Reconciler.NoHostManifest;
    }

    /** A registered job, and the schedule it was registered with. */
    private record Job(String schedule, Scheduled scheduled) {
    }

    /** @param deadline how long one backup or drill may run before {@code /healthz} reports the agent stuck */
    BackupJobs(Scheduler scheduler, BackupRunner runner, HostManifests hosts, Ledger ledger, ZoneId zone, Duration deadline) {
        this.scheduler = scheduler;
        this.runner = runner;
        this.hosts = hosts;
        this.ledger = ledger;
        this.zone = zone;
        this.deadline = deadline;
    }

    /**
     * Follows the host's manifest now: at start-up (a backup missed while the agent was down runs at once) and after
     * each pass. When there is no such manifest yet (nothing applied, the tip refused) the jobs stay as they were.
     */
    void sync() {
        Reconciler.HostManifest host;
        try {
            host = hosts.get();
        } catch (RepositoryException | Reconciler.NoHostManifest e) {
            synchronized (this) {
                if (current == null) {
                    log.info("commit -: no backups are scheduled yet: {}", e.getMessage());
                }
            }
            return;
        }
        synchronized (this) {
            boolean changed = current == null || !current.commit().equals(host.commit());
            current = host;
            if (changed) {
                follow(host);
            }
            recordSchedules();
        }
    }

    private void follow(Reconciler.HostManifest host) {
        Map<String, Backup> policies = host.manifest().backups();
        Map<String, BackupStatus> known = new HashMap<>();
        for (BackupStatus status : ledger.backupStatus()) {
            known.put(status.name(), status);
        }
        for (Map.Entry<String, Backup> e : policies.entrySet()) {
            Backup policy = e.getValue();
            BackupStatus status = known.get(policy.name());
            register(backups, policy.name(), policy.schedule(), "backup of " + policy.name(), lastBackupRun(status),
                    () -> backup(policy.name()));
            String drill = drillSchedule(policy);
            if (drill == null) {
                unregister(drills, policy.name());
            } else {
                register(drills, policy.name(), drill, "restore drill of " + policy.name(),
                        Optional.ofNullable(status).map(BackupStatus::lastDrill).map(BackupStatus.LastDrill::at),
                        () -> drill(policy.name()));
            }
        }
        for (String name : List.copyOf(backups.keySet())) {
            if (!policies.containsKey(name)) {
                unregister(backups, name);
                unregister(drills, name);
                log.info("commit {}: backup {} is no longer in the manifest; its schedule is removed (its stored backups stay)",
                        shortSha(host.commit()), name);
            }
        }
    }

    private void register(Map<String, Job> jobs, String name, String schedule, String noun, Optional<Instant> lastRun,
                          CronJob.Task task) {
        Job job = jobs.get(name);
        if (job != null && job.schedule().equals(schedule)) {
            return;
        }
        if (job != null) {
            scheduler.remove(job.scheduled());
        }
        // After each run the next firing is recorded at once, so status never shows the one that just ran as next.
        CronJob cron = new CronJob(noun, CronSchedule.parse(schedule), zone, deadline, Set.of("backup:" + name), lastRun, task,
                this::scheduleAdvanced);
        jobs.put(name, new Job(schedule, scheduler.add(cron)));
    }

    private void unregister(Map<String, Job> jobs, String name) {
        Job job = jobs.remove(name);
        if (job != null) {
            scheduler.remove(job.scheduled());
        }
    }

    private synchronized void scheduleAdvanced() {
        recordSchedules();
    }

    /** The next runs as {@code status} shows them. */
    private void recordSchedules() {
        List<BackupSchedule> schedules = new ArrayList<>();
        for (Map.Entry<String, Job> e : new LinkedHashMap<>(backups).entrySet()) {
            Job drill = drills.get(e.getKey());
            schedules.add(new BackupSchedule(e.getKey(), e.getValue().scheduled().nextRunAt(),
                    drill == null ? null : drill.scheduled().nextRunAt()));
        }
        schedules.sort(Comparator.comparing(BackupSchedule::name));
        if (schedules.equals(recorded)) {
            return;
        }
        try {
            ledger.recordSchedules(schedules);
            recorded = List.copyOf(schedules);
        } catch (RuntimeException e) {
            log.warn("commit -: could not record the backup schedules in the ledger: {}", e.getMessage());
        }
    }

    private void backup(String name) throws InterruptedException {
        Reconciler.HostManifest host;
        synchronized (this) {
            host = current;
        }
        Backup policy = host.manifest().backups().get(name);
        if (policy != null) {
            runner.backup(policy, BackupKind.SCHEDULED, host.commit());
        }
    }

    private void drill(String name) throws InterruptedException {
        Reconciler.HostManifest host;
        synchronized (this) {
            host = current;
        }
        Backup policy = host.manifest().backups().get(name);
        if (policy != null) {
            runner.drill(policy, host.commit());
        }
    }

    /** When the policy last ran, to catch up a missed firing: its newest backup or failed run, of any kind. */
    static Optional<Instant> lastBackupRun(BackupStatus status) {
        if (status == null) {
            return Optional.empty();
        }
        Instant backup = status.lastBackup() == null ? null : status.lastBackup().at();
        Instant failure = status.lastFailure() == null ? null : status.lastFailure().at();
        return Optional.ofNullable(backup == null ? failure : failure == null ? backup
                : backup.isAfter(failure) ? backup : failure);
    }

    /** The cron line of the policy's restore drills, or null when it has none ({@code verify} absent or {@code never}). */
    static String drillSchedule(Backup policy) {
        if (policy.verify() == null || "never".equals(policy.verify().restore())) {
            return null;
        }
        String restore = policy.verify().restore();
        return Objects.requireNonNullElse(DRILL_WORDS.get(restore), restore);
    }
}
