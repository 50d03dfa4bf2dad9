package io.driftless.backup;

import io.driftless.desired.Backup;
import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.events.Reason;
import io.driftless.ledger.BackupRecord;
import io.driftless.ledger.DrillRecord;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.NewBackup;
import io.driftless.ledger.Offsite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A policy's backups as the agent runs them, for the CLI and the scheduler alike: one backup (dump, ledger row,
 * offsite copy, rotation), a re-read of stored backups, a restore drill, a break-glass restore, and the schema check and
 * restore of a rollout's snapshot ({@link SnapshotRestore}). Each takes the
 * policy's lock first, writes the ledger, and publishes its events; none throws for an expected failure.
 *
 * @param timeout for each client program run, and how long a run waits for the policy's lock
 */
public record BackupRunner(PgAccessFactory access, OffsiteStores offsite, PolicyLocks locks, Ledger ledger,
                           EventSink events, Clock clock, ZoneId zone, Duration timeout) {
    public BackupRunner {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(offsite, "offsite");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(timeout, "timeout");
    }

    // --- one backup ------------------------------------------------------------------------------------------

    /**
     * What one backup run came to.
     *
     * @param stored         the backup recorded, or empty when the run stored nothing ({@code failure} says why)
     * @param offsiteFailure why the offsite copy (or the pruning of old copies) failed; the local backup still counts
     * @param rotated        the files rotation deleted after it
     */
    public record BackupOutcome(String name, Optional<BackupRecord> stored, Optional<String> failure,
                                Optional<String> offsiteFailure, List<String> rotated, Duration took) {
        public BackupOutcome {
            rotated = List.copyOf(rotated);
        }

        /** {@code backup run}'s contract: 0 verified and stored (and copied offsite if configured), 1 otherwise. */
        public int exitCode() {
            return stored.isPresent() && failure.isEmpty() && offsiteFailure.isEmpty() ? 0 : 1;
        }
    }

    /** One backup of {@code policy} as {@code commit} says it, then its offsite copy and rotation. */
    public BackupOutcome backup(Backup policy, BackupKind kind, String commit) throws InterruptedException {
        Instant started = clock.instant();
        try (PolicyLocks.Held held = locks.hold(policy.name(), timeout)) {
            return backupHeld(policy, kind, commit, started);
        } catch (PolicyLocks.Busy e) {
            return failed(policy, kind, commit, started, e.getMessage());
        }
    }

    /** The same, for a caller that holds the policy's lock already (a rollout taking its snapshot). */
    private BackupOutcome backupHeld(Backup policy, BackupKind kind, String commit, Instant started) {
        Path target = Path.of(policy.target());
        List<String> leftovers = removeLeftovers(target, policy.name());
        if (!leftovers.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger("driftless").warn("commit {} backup {}: removed what an interrupted backup left: {}",
                    io.driftless.events.Commits.shortSha(commit), policy.name(), String.join(", ", leftovers));
        }
        PgAccess pg;
        try {
            pg = access.of(policy);
        } catch (PgAccessFactory.Unusable e) {
            return failed(policy, kind, commit, started, e.getMessage());
        }
        DumpResult result = new OneBackup(pg.tools(), pg.server(), pg.root(), clock, timeout)
                .run(new DumpRequest(policy.name(), pg.connection(), pg.passwordFile(), target, commit == null ? "-" : commit));
        return switch (result) {
            case DumpResult.Failed f -> failed(policy, kind, commit, started, f.message());
            case DumpResult.Stored s -> afterStored(policy, kind, commit, started, s);
        };
    }

    private BackupOutcome afterStored(Backup policy, BackupKind kind, String commit, Instant started, DumpResult.Stored s) {
        long id = ledger.recordBackup(new NewBackup(policy.name(), ledgerKind(kind), s.facts().at(), s.file().toString(),
                s.facts().size(), s.facts().sha256(), true));
        Duration took = Duration.between(started, clock.instant());
        events.publish(new AgentEvent.BackupStored(clock.instant(), commit, policy.name(), ledgerKind(kind).word(), id,
                s.file().toString(), s.facts().size(), took));
        Optional<String> offsiteFailure = Optional.empty();
        OffsiteStore store = null;
        if (policy.offsite() != null) {
            String remote = OffsiteStores.describe(policy.offsite());
            store = offsite.of(policy.name(), policy.offsite());
            switch (new OffsiteCopy(store).copy(s)) {
                case OffsiteResult.Copied c -> {
                    ledger.markOffsite(id, new Offsite(Offsite.COPIED, remote));
                    events.publish(new AgentEvent.OffsiteCopied(clock.instant(), commit, policy.name(), id, remote));
                }
                case OffsiteResult.Failed f -> {
                    ledger.markOffsite(id, new Offsite(Offsite.FAILED, remote));
                    events.publish(new AgentEvent.OffsiteFailed(clock.instant(), commit, policy.name(), id, remote, f.message()));
                    offsiteFailure = Optional.of(f.message());
                }
            }
        }
        List<String> rotated = new ArrayList<>();
        Optional<String> pruneFailure = rotate(policy, commit, store, rotated);
        if (offsiteFailure.isEmpty()) {
            offsiteFailure = pruneFailure;
        }
        BackupRecord stored = ledger.storedBackups(policy.name()).stream().filter(b -> b.id() == id).findFirst()
                .orElseThrow(() -> new IllegalStateException("backup #" + id + " of " + policy.name() + " is not in the ledger"));
        return new BackupOutcome(policy.name(), Optional.of(stored), Optional.empty(), offsiteFailure, rotated,
                Duration.between(started, clock.instant()));
    }

    private BackupOutcome failed(Backup policy, BackupKind kind, String commit, Instant started, String message) {
        Reason reason = kind == BackupKind.SNAPSHOT ? Reason.SNAPSHOT_FAILED : Reason.BACKUP_FAILED;
        ledger.recordBackupFailure(policy.name(), ledgerKind(kind), reason, message, clock.instant());
        events.publish(new AgentEvent.BackupFailed(clock.instant(), commit, policy.name(), ledgerKind(kind).word(), message));
        return new BackupOutcome(policy.name(), Optional.empty(), Optional.of(message), Optional.empty(), List.of(),
                Duration.between(started, clock.instant()));
    }

    /**
     * Rotation after a verified backup: deletes the dumps and sidecars it decides to, locally and offsite. Answers why
     * pruning offsite failed, if it did; a local file that cannot be deleted stays listed and is tried again next time.
     */
    private Optional<String> rotate(Backup policy, String commit, OffsiteStore store, List<String> rotated) {
        List<BackupRecord> stored = ledger.storedBackups(policy.name());
        Path folder = Path.of(policy.target()).resolve(policy.name());
        List<RecordedBackup> recorded = stored.stream().map(b -> recorded(b, folder, policy.name())).toList();
        RotationDecision decision = Rotation.decide(recorded, Keep.of(policy.keep()), clock.instant(), zone, LastRun.VERIFIED);
        List<RecordedBackup> deleted = new ArrayList<>();
        for (RecordedBackup doomed : decision.deleted()) {
            if (!doomed.own()) {
                continue;
            }
            BackupRecord record = stored.stream().filter(b -> b.id() == doomed.id()).findFirst().orElseThrow();
            Path dump = Path.of(record.file());
            try {
                Files.deleteIfExists(dump);
                Files.deleteIfExists(dump.resolveSibling(dump.getFileName() + ".json"));
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger("driftless").warn("commit {} backup {}: rotation could not delete {}: {}; "
                        + "it is tried again after the next backup", io.driftless.events.Commits.shortSha(commit), policy.name(), dump, e.getMessage());
                continue;
            }
            ledger.markDeleted(doomed.id(), clock.instant());
            rotated.add(dump.getFileName().toString());
            deleted.add(doomed);
        }
        Optional<String> pruneFailure = Optional.empty();
        if (store != null && !deleted.isEmpty()) {
            OffsitePrune.Outcome pruned = new OffsitePrune(store).prune(policy.name(),
                    new RotationDecision(decision.kept(), deleted, Optional.empty()));
            if (!pruned.failed().isEmpty()) {
                String message = pruned.failed().stream().map(OffsiteResult.Failed::message).reduce((a, b) -> a + "; " + b).orElseThrow();
                events.publish(new AgentEvent.OffsiteFailed(clock.instant(), commit, policy.name(), 0,
                        OffsiteStores.describe(policy.offsite()), message));
                pruneFailure = Optional.of(message);
            }
        }
        if (!rotated.isEmpty()) {
            events.publish(new AgentEvent.BackupsRotated(clock.instant(), commit, policy.name(), rotated));
        }
        return pruneFailure;
    }

    /** A ledger row as rotation sees it: the agent's own only when it is its own name in its own folder. */
    static RecordedBackup recorded(BackupRecord b, Path folder, String policy) {
        Path file = Path.of(b.file());
        boolean own = folder.equals(file.getParent()) && OffsiteNames.owns(policy, file.getFileName().toString());
        return new RecordedBackup(b.id(), BackupKind.valueOf(b.kind().name()), b.at(), b.verified(), own);
    }

    /**
     * A backup killed mid-way (kill -9, a power cut) leaves its temp files; they are never counted and go at the next
     * run of the same policy, which holds the policy's lock, so no run of it is writing them. Only the policy's own
     * temp names in its own folder.
     */
    static List<String> removeLeftovers(Path target, String policy) {
        Path folder = target.resolve(policy);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Pattern partial = Pattern.compile("\\." + Pattern.quote(policy) + "-\\d{8}T\\d{6}Z\\.dump(\\.json)?\\.partial");
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (partial.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)) {
                    Files.deleteIfExists(file);
                    removed.add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            // The backup that follows fails with a clearer reason if the folder is unusable.
        }
        return removed;
    }

    // --- verify ----------------------------------------------------------------------------------------------

    /** @param problem why this backup is not good, or empty when it read back whole and matches its sidecar */
    public record Checked(BackupRecord backup, Optional<String> problem) {
    }

    /** Re-reads stored backups end to end: every one of the policy's, or only backup {@code id}. */
    public List<Checked> verify(Backup policy, Optional<Long> id, String commit) throws InterruptedException, NoSuchBackup {
        List<BackupRecord> stored = ledger.storedBackups(policy.name());
        List<BackupRecord> chosen = id.isEmpty() ? stored
                : stored.stream().filter(b -> b.id() == id.get()).toList();
        if (id.isPresent() && chosen.isEmpty()) {
            throw new NoSuchBackup(noSuch(policy.name(), id.get(), stored));
        }
        try (PolicyLocks.Held held = locks.hold(policy.name(), timeout)) {
            PgAccess pg;
            try {
                pg = access.of(policy);
            } catch (PgAccessFactory.Unusable e) {
                return chosen.stream().map(b -> new Checked(b, Optional.of(e.getMessage()))).toList();
            }
            List<Checked> checked = new ArrayList<>();
            for (BackupRecord b : chosen) {
                Optional<String> local = localProblem(pg, b);
                // What the re-read found is what counts from now on: a backup that no longer reads back whole is
                // never the newest verified one again (rotation keeps the good ones, drills skip it) until it does.
                if (local.isPresent() == b.verified()) {
                    ledger.markVerified(b.id(), local.isEmpty());
                }
                Optional<String> problem = local.isPresent() ? local : offsiteProblem(policy, b);
                problem.ifPresent(p -> events.publish(new AgentEvent.BackupFailed(clock.instant(), commit, policy.name(),
                        b.kind().word(), "re-reading backup #" + b.id() + ": " + p)));
                checked.add(new Checked(b, problem));
            }
            return checked;
        } catch (PolicyLocks.Busy e) {
            return chosen.stream().map(b -> new Checked(b, Optional.of(e.getMessage()))).toList();
        }
    }

    /** Why the local dump is not what its sidecar and the ledger say, or does not read back whole. */
    private Optional<String> localProblem(PgAccess pg, BackupRecord b) {
        DumpResult.Stored stored;
        try {
            stored = stored(b);
        } catch (NoSuchBackup e) {
            return Optional.of(e.getMessage());
        }
        if (!stored.facts().sha256().equals(b.sha256())) {
            return Optional.of("the sidecar of " + stored.file().getFileName() + " records sha256 " + stored.facts().sha256()
                    + " and the ledger " + b.sha256());
        }
        Optional<String> changed = Unchanged.problem(stored, "the backup");
        if (changed.isPresent()) {
            return changed;
        }
        int major;
        try {
            major = Integer.parseInt(stored.facts().serverVersion().split("[.\\s]", 2)[0]);
        } catch (NumberFormatException e) {
            return Optional.of("the sidecar of " + stored.file().getFileName() + " names no server version: "
                    + stored.facts().serverVersion());
        }
        Optional<DumpResult.Failed> unreadable = new ReadBack(pg.tools(), new PgCommands(pg.root(), major), timeout).check(stored.file());
        return unreadable.map(DumpResult.Failed::message);
    }

    /** Why the offsite copy of a good local backup is not what it should be; one found damaged is marked failed. */
    private Optional<String> offsiteProblem(Backup policy, BackupRecord b) {
        if (b.offsite() == null || !Offsite.COPIED.equals(b.offsite().state()) || policy.offsite() == null) {
            return Optional.empty();
        }
        DumpResult.Stored stored;
        try {
            stored = stored(b);
        } catch (NoSuchBackup e) {
            return Optional.of(e.getMessage());
        }
        if (new OffsiteCopy(offsite.of(policy.name(), policy.offsite())).verify(stored) instanceof OffsiteResult.Failed f) {
            ledger.markOffsite(b.id(), new Offsite(Offsite.FAILED, b.offsite().remote()));
            return Optional.of("the local backup is good, its offsite copy is not: " + f.message());
        }
        return Optional.empty();
    }

    // --- drill -----------------------------------------------------------------------------------------------

    /** @param backupId the backup restored, empty when there was none to restore */
    public record DrillOutcome(String name, DrillResult result, Optional<Long> backupId) {
        public int exitCode() {
            return result instanceof DrillResult.Passed ? 0 : 1;
        }
    }

    /** The newest verified backup restored into a scratch database, checked, and the scratch database dropped. */
    public DrillOutcome drill(Backup policy, String commit) throws InterruptedException {
        Instant started = clock.instant();
        try (PolicyLocks.Held held = locks.hold(policy.name(), timeout)) {
            return drillHeld(policy, commit, started);
        } catch (PolicyLocks.Busy e) {
            return drilled(policy, commit, Optional.empty(), 0,
                    new DrillResult.Failed(DrillStep.BACKUP, e.getMessage(), Duration.between(started, clock.instant())));
        }
    }

    private DrillOutcome drillHeld(Backup policy, String commit, Instant started) {
        Optional<BackupRecord> newest = newestVerified(policy.name());
        Optional<DumpResult.Stored> stored;
        try {
            stored = newest.isEmpty() ? Optional.empty() : Optional.of(stored(newest.get()));
        } catch (NoSuchBackup e) {
            return drilled(policy, commit, newest.map(BackupRecord::id), newest.get().sizeBytes(),
                    new DrillResult.Failed(DrillStep.BACKUP, e.getMessage(), Duration.between(started, clock.instant())));
        }
        PgAccess pg;
        try {
            pg = access.of(policy);
        } catch (PgAccessFactory.Unusable e) {
            return drilled(policy, commit, newest.map(BackupRecord::id), newest.map(BackupRecord::sizeBytes).orElse(0L),
                    new DrillResult.Failed(DrillStep.CONNECT, e.getMessage(), Duration.between(started, clock.instant())));
        }
        String query = policy.verify() == null || policy.verify().query() == null ? null : policy.verify().query();
        DrillResult result = new RestoreDrill(pg.tools(), pg.server(), pg.root(), clock, timeout)
                .run(new DrillRequest(stored, pg.connection(), pg.passwordFile(), Optional.ofNullable(query)));
        return drilled(policy, commit, newest.map(BackupRecord::id), newest.map(BackupRecord::sizeBytes).orElse(0L), result);
    }

    private DrillOutcome drilled(Backup policy, String commit, Optional<Long> backupId, long size, DrillResult result) {
        Instant now = clock.instant();
        switch (result) {
            case DrillResult.Passed p -> {
                ledger.recordDrill(new DrillRecord(policy.name(), now, true, p.duration().toMillis(), p.sizeBytes(),
                        "restored " + p.backup().getFileName() + " and checked " + p.tables() + " table(s)", backupId.orElse(null)));
                events.publish(new AgentEvent.DrillPassed(now, commit, policy.name(), backupId.orElse(0L), p.duration(),
                        p.sizeBytes(), p.tables()));
            }
            case DrillResult.Failed f -> {
                ledger.recordDrill(new DrillRecord(policy.name(), now, false, f.duration().toMillis(), size, f.message(),
                        backupId.orElse(null)));
                events.publish(new AgentEvent.DrillFailed(now, commit, policy.name(), f.message(), f.duration()));
            }
        }
        return new DrillOutcome(policy.name(), result, backupId);
    }

    // --- break-glass restore ---------------------------------------------------------------------------------

    /** What a break-glass restore is asked to do. */
    public record RestoreAsk(Backup policy, String targetUrl, Optional<Long> id, Optional<Path> passwordFile, String commit) {
    }

    /** The backup a restore would use and what it would do; changes nothing. */
    public RestorePlan restorePlan(RestoreAsk ask) throws NoSuchBackup {
        return BreakGlassRestore.plan(request(ask, chosen(ask)), clock.instant());
    }

    /** @param preRestoreId the ledger's id of the pre-restore backup, when one was taken (also before a failed step) */
    public record RestoreOutcome(BackupRecord backup, RestoreResult result, Optional<Long> preRestoreId) {
        public int exitCode() {
            return result instanceof RestoreResult.Restored ? 0 : 1;
        }
    }

    /** Replaces the target database with the chosen backup, all or nothing, after a pre-restore backup of it. */
    public RestoreOutcome restore(RestoreAsk ask) throws NoSuchBackup, InterruptedException {
        BackupRecord backup = chosen(ask);
        Instant started = clock.instant();
        String target = targetDatabase(ask.targetUrl());
        try (PolicyLocks.Held held = locks.hold(ask.policy().name(), timeout)) {
            PgAccess pg;
            try {
                pg = access.ofUrl(ask.targetUrl(), ask.passwordFile());
            } catch (PgAccessFactory.Unusable e) {
                return restoreFailed(ask, backup, target, new RestoreResult.Failed(RestoreStep.CONNECT, e.getMessage(),
                        Duration.between(started, clock.instant())));
            }
            RestoreResult result = new BreakGlassRestore(pg.tools(), pg.server(), pg.root(), clock, timeout).run(request(ask, backup));
            return switch (result) {
                case RestoreResult.Failed f -> restoreFailed(ask, backup, target, f);
                case RestoreResult.Restored r -> {
                    long preId = recordPreRestore(ask, r.preRestoreBackup());
                    events.publish(new AgentEvent.DatabaseRestored(clock.instant(), ask.commit(), ask.policy().name(), backup.id(),
                            target, r.replacedKeptAs(), preId, r.duration()));
                    yield new RestoreOutcome(backup, r, Optional.of(preId));
                }
            };
        } catch (PolicyLocks.Busy e) {
            return restoreFailed(ask, backup, target, new RestoreResult.Failed(RestoreStep.CONNECT, e.getMessage(),
                    Duration.between(started, clock.instant())));
        }
    }

    /** The target's backup taken before a restore, whether the restore then went through or not. */
    private long recordPreRestore(RestoreAsk ask, DumpResult.Stored pre) {
        return ledger.recordBackup(new NewBackup(ask.policy().name(), io.driftless.ledger.BackupKind.PRE_RESTORE,
                pre.facts().at(), pre.file().toString(), pre.facts().size(), pre.facts().sha256(), true));
    }

    private RestoreOutcome restoreFailed(RestoreAsk ask, BackupRecord backup, String target, RestoreResult.Failed f) {
        // A pre-restore backup taken before the failing step is a stored dump: unlisted, rotation would never see it.
        Optional<Long> preId = f.preRestoreBackup().map(pre -> recordPreRestore(ask, pre));
        events.publish(new AgentEvent.RestoreFailed(clock.instant(), ask.commit(), ask.policy().name(), target, f.message(), f.duration()));
        return new RestoreOutcome(backup, f, preId);
    }

    private RestoreRequest request(RestoreAsk ask, BackupRecord backup) throws NoSuchBackup {
        PgConnection target;
        try {
            target = PgConnection.parse(ask.targetUrl());
        } catch (IllegalArgumentException e) {
            throw new NoSuchBackup("--to " + e.getMessage());
        }
        Optional<Path> passwordFile = ask.passwordFile().isPresent() ? ask.passwordFile() : policyPasswordFile(ask.policy());
        return new RestoreRequest(ask.policy().name(), stored(backup), target, passwordFile, Path.of(ask.policy().target()),
                ask.commit() == null ? "-" : ask.commit());
    }

    private static String targetDatabase(String url) {
        try {
            return PgConnection.parse(url).database();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** The policy's passwordFile, for a restore given no --password-file. */
    static Optional<Path> policyPasswordFile(Backup policy) {
        return policy.postgres() instanceof Backup.Url url && url.passwordFile() != null
                ? Optional.of(Path.of(url.passwordFile())) : Optional.empty();
    }

    private BackupRecord chosen(RestoreAsk ask) throws NoSuchBackup {
        String name = ask.policy().name();
        if (ask.id().isPresent()) {
            List<BackupRecord> stored = ledger.storedBackups(name);
            BackupRecord b = stored.stream().filter(r -> r.id() == ask.id().get()).findFirst()
                    .orElseThrow(() -> new NoSuchBackup(noSuch(name, ask.id().get(), stored)));
            if (!b.verified()) {
                throw new NoSuchBackup("backup #" + b.id() + " of " + name + " did not verify and is never restored; "
                        + "pick another with 'driftless backup list " + name + "'");
            }
            return b;
        }
        return newestVerified(name).orElseThrow(() -> new NoSuchBackup("backup " + name + " has no verified backup to "
                + "restore; 'driftless backup list " + name + "' shows what is stored"));
    }

    // --- snapshot before a rollout ----------------------------------------------------------------------------

    /**
     * The fingerprint of the policy's schema now ({@link PgServer#schemaFingerprint}): a rollout reads it with its
     * snapshot and again after it failed, to tell whether the candidate migrated the database.
     *
     * @throws SchemaUnread when the database cannot be reached or asked; the message names the backup
     */
    public String schema(Backup policy) throws SchemaUnread {
        return new SnapshotRestore(access, ledger, events, clock, timeout).schema(policy);
    }

    /**
     * @param restored     what the ledger recorded of the restore, when it went through
     * @param preRestoreId the pre-restore backup's id, when the restore went through
     * @param failure      why the database is as it was left, when it did not
     */
    public record SnapshotRestoreOutcome(Optional<io.driftless.ledger.SnapshotRestoreRecord> restored,
                                         Optional<Long> preRestoreId, Optional<String> failure) {
    }

    /**
     * Puts snapshot {@code snapshotId} back into the policy's own database after {@code service}'s rollout of
     * {@code commit} failed with the schema changed: all or nothing, after a pre-restore backup, the replaced database
     * kept beside it; recorded in the ledger ({@code lastSnapshotRestore}) and told as {@code SnapshotRestored} or
     * {@code SnapshotRestoreFailed}. Takes the policy's lock (the rollout's thread already holds it).
     */
    public SnapshotRestoreOutcome restoreSnapshot(Backup policy, long snapshotId, String commit, String service)
            throws InterruptedException {
        SnapshotRestore restore = new SnapshotRestore(access, ledger, events, clock, timeout);
        try (PolicyLocks.Held held = locks.hold(policy.name(), timeout)) {
            Optional<BackupRecord> snapshot = ledger.storedBackups(policy.name()).stream().filter(b -> b.id() == snapshotId).findFirst();
            if (snapshot.isEmpty()) {
                return restore.failed(policy, commit, service, "snapshot #" + snapshotId + " is no longer stored");
            }
            return restore.restore(policy, snapshot.get(), commit, service);
        } catch (PolicyLocks.Busy e) {
            return restore.failed(policy, commit, service, e.getMessage());
        }
    }

    /** The schema of a policy's database could not be read; the message names the backup and the reason. */
    public static final class SchemaUnread extends Exception {
        public SchemaUnread(String message) {
            super(message, null, false, false);
        }
    }

    // --- shared ----------------------------------------------------------------------------------------------

    private Optional<BackupRecord> newestVerified(String name) {
        List<BackupRecord> stored = ledger.storedBackups(name);
        for (int i = stored.size() - 1; i >= 0; i--) {
            if (stored.get(i).verified()) {
                return Optional.of(stored.get(i));
            }
        }
        return Optional.empty();
    }

    /** A ledger row with its sidecar read from beside the dump. */
    static DumpResult.Stored stored(BackupRecord b) throws NoSuchBackup {
        Path file = Path.of(b.file());
        Path sidecar = file.resolveSibling(file.getFileName() + ".json");
        String json;
        try {
            json = Files.readString(sidecar, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NoSuchBackup("backup #" + b.id() + " of " + b.name() + ": its sidecar " + sidecar
                    + " cannot be read (" + e.getMessage() + "); without it the dump cannot be checked");
        }
        try {
            return new DumpResult.Stored(file, sidecar, SidecarReader.parse(json));
        } catch (IllegalArgumentException e) {
            throw new NoSuchBackup("backup #" + b.id() + " of " + b.name() + ": its sidecar " + sidecar + " is damaged: "
                    + e.getMessage());
        }
    }

    private static String noSuch(String name, long id, List<BackupRecord> stored) {
        return "backup " + name + " has no stored backup #" + id + (stored.isEmpty() ? " (it has none)"
                : " (stored: " + stored.stream().map(b -> "#" + b.id()).reduce((a, c) -> a + ", " + c).orElseThrow() + ")")
                + "; 'driftless backup list " + name + "' shows them";
    }

    static io.driftless.ledger.BackupKind ledgerKind(BackupKind kind) {
        return io.driftless.ledger.BackupKind.valueOf(kind.name());
    }

    /** The backup asked for is not stored, or its sidecar is unusable; the message says which and what to do. */
    public static final class NoSuchBackup extends Exception {
        public NoSuchBackup(String message) {
            super(message, null, false, false);
        }
    }
}
