package io.driftless.events;

import io.driftless.plan.Change;
import io.driftless.plan.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the agent does that an operator may care about, as one typed value. The reconciler and the executor
 * publish them to an {@link EventSink}; the journal (log lines and the ledger's events), the rollout recorder, and
 * later metrics and notifications subscribe. An event carries facts (a reason, a severity, the commit and service),
 * never a sentence to be parsed again: {@link EventText} renders the sentences people read.
 *
 * <p>{@code revision} is the full SHA of the commit concerned, or null when none is (the repository is away).
 */
public sealed interface AgentEvent {
    Instant at();

    String revision();

    /** The service concerned, or null. */
    default String service() {
        return null;
    }

    /** The backup policy concerned, or null. */
    default String backup() {
        return null;
    }

    default Severity severity() {
        return switch (this) {
            case TipSeen e -> Severity.INFO;
            case PassFinished e -> Severity.INFO;
            case FailedCommitSkipped e -> Severity.WARN;
            case PassSuspended e -> Severity.WARN;
            case RolloutStarted e -> Severity.INFO;
            case StepStarted e -> Severity.INFO;
            case StepFinished e -> Severity.INFO;
            case HealthProbed e -> Severity.INFO;
            case StepNotRecorded e -> Severity.WARN;
            case RolloutApplied e -> Severity.INFO;
            case DriftRepaired e -> Severity.INFO;
            case RolloutFailed e -> Severity.ERROR;
            case RolloutStopped e -> Severity.WARN;
            case RepairFailed e -> Severity.ERROR;
            case RollbackStarted e -> Severity.INFO;
            case RolledBack e -> Severity.INFO;
            case RollbackFailed e -> Severity.ERROR;
            case NoKnownGoodCommit e -> Severity.WARN;
            case KnownGoodUnreadable e -> Severity.ERROR;
            case SourceUnavailable e -> Severity.ERROR;
            case SourceBack e -> Severity.INFO;
            case HostUnreachable e -> Severity.ERROR;
            case DiskFull e -> Severity.ERROR;
            case LedgerUnwritable e -> Severity.ERROR;
            case StatusUnreadable e -> Severity.WARN;
            case BackupStored e -> Severity.INFO;
            case BackupFailed e -> Severity.ERROR;
            case BackupsRotated e -> Severity.INFO;
            case OffsiteCopied e -> Severity.INFO;
            case OffsiteFailed e -> Severity.ERROR;
            case DrillPassed e -> Severity.INFO;
            case DrillFailed e -> Severity.ERROR;
            case DatabaseRestored e -> Severity.WARN;
            case RestoreFailed e -> Severity.ERROR;
            case SnapshotRestored e -> Severity.WARN;
            case SnapshotRestoreFailed e -> Severity.ERROR;
        };
    }

    // --- the source ----------------------------------------------------------------------------------------

    /** A tip this agent has not attempted yet, or one it tries again because {@code --retry} asked. */
    record TipSeen(Instant at, String revision, boolean retrying) implements AgentEvent {
    }

    /**
     * The tip failed before and is not tried again until a new commit or {@code --retry}.
     *
     * @param reason the reason's code as the ledger recorded it (an older or newer agent may have written it)
     */
    record FailedCommitSkipped(Instant at, String revision, String reason, String message) implements AgentEvent {
    }

    /**
     * The host is suspended ({@code driftless suspend}): this pass applies no new commit, and only keeps
     * {@code revision}, the last applied commit, running as it says.
     *
     * @param revision the last applied commit the host is held on, or null before the first apply
     * @param tip      the branch's tip, not applied when it differs from {@code revision}
     * @param since    when the host was suspended
     * @param by       who suspended it
     * @param reason   the operator's words, or null
     */
    record PassSuspended(Instant at, String revision, String tip, Instant since, String by, String reason)
            implements AgentEvent {
    }

    /** A fetch failed; {@code failuresInRow} counts the fetches that failed since the last one that worked. */
    record SourceUnavailable(Instant at, int failuresInRow, String message) implements AgentEvent {
        public String revision() {
            return null;
        }
    }

    /** The repository answers again after {@code failedFetches} failed fetches. */
    record SourceBack(Instant at, int failedFetches) implements AgentEvent {
        public String revision() {
            return null;
        }
    }

    /**
     * History only (no log line): a reconcile pass ended, for metrics.
     *
     * @param revision the tip the pass looked at, or null when it did not get that far
     * @param result   {@code converged}, {@code failed} or {@code error}, as {@code driftless reconcile} exits 0, 1, 2
     */
    record PassFinished(Instant at, String revision, String result, Duration took) implements AgentEvent {
    }

    // --- a rollout -----------------------------------------------------------------------------------------

    /** The executor starts carrying out a plan of {@code revision}; {@code rolloutId} is its ledger row. */
    record RolloutStarted(Instant at, String revision, long rolloutId, List<Change> changes) implements AgentEvent {
        public RolloutStarted {
            changes = List.copyOf(changes);
        }
    }

    record StepStarted(Instant at, String revision, Step step) implements AgentEvent {
        public String service() {
            return step.service();
        }
    }

    /**
     * @param at      when the step ended
     * @param started when it began
     * @param problem what went wrong in one line, or null when the step did what it says
     */
    record StepFinished(Instant at, String revision, Step step, Instant started, String problem) implements AgentEvent {
        public String service() {
            return step.service();
        }

        public Duration took() {
            return Duration.between(started, at);
        }
    }

    /**
     * History only (no log line): one probe of a service's health gate answered; {@code result} is {@code healthy}
     * (2xx) or {@code unhealthy} (any other answer, or none).
     */
    record HealthProbed(Instant at, String revision, String service, String result) implements AgentEvent {
    }

    /** History only: a step of a rollout could not be written to the ledger (the rollout went on). */
    record StepNotRecorded(Instant at, String revision, String service, String message) implements AgentEvent {
    }

    /**
     * The host runs {@code revision}, now the last known-good commit.
     *
     * @param hostAlreadyRan true when nothing had to change (the host already ran what the commit asks for)
     */
    record RolloutApplied(Instant at, String revision, Duration took, boolean hostAlreadyRan) implements AgentEvent {
    }

    /** The applied commit's containers were put back the way it says (stopped, removed or changed by hand). */
    record DriftRepaired(Instant at, String revision, Duration took) implements AgentEvent {
    }

    /**
     * The commit is marked failed: refused before anything started, or its rollout was undone (no route moved, or
     * every route went back). The host stays on (or returns to) the last known-good commit.
     *
     * @param details the individual problems (manifest errors, policy violations), each a line; may be empty
     */
    record RolloutFailed(Instant at, String revision, Reason reason, String message, List<String> details)
            implements AgentEvent {
        public RolloutFailed {
            Objects.requireNonNull(reason, "reason");
            details = List.copyOf(details);
        }
    }

    /** The host failed under a rollout (Docker or Caddy away): undone, the commit not blamed, tried again next pass. */
    record RolloutStopped(Instant at, String revision, String service, Reason reason, String message) implements AgentEvent {
    }

    /** Putting the applied commit back failed; it stays the last known-good commit and the next pass tries again. */
    record RepairFailed(Instant at, String revision, String service, Reason reason, String message) implements AgentEvent {
    }

    // --- the last known-good commit ------------------------------------------------------------------------

    /** The host is being put back on {@code revision} (the last known-good commit) while {@code failedTip} is failed. */
    record RollbackStarted(Instant at, String revision, String failedTip) implements AgentEvent {
    }

    /** The host runs the last known-good commit {@code revision} again. */
    record RolledBack(Instant at, String revision, String failedTip, Duration took) implements AgentEvent {
    }

    /** The last known-good commit could not be restored; the next pass tries again. */
    record RollbackFailed(Instant at, String revision, String service, String message) implements AgentEvent {
    }

    /** A commit failed before any was ever applied: there is no known-good state to hold. */
    record NoKnownGoodCommit(Instant at, String revision) implements AgentEvent {
    }

    /** The last known-good commit's manifest no longer parses (a newer agent's rules, a rewritten history). */
    record KnownGoodUnreadable(Instant at, String revision, String message) implements AgentEvent {
    }

    // --- the host ------------------------------------------------------------------------------------------

    /** Which part of the host did not answer. */
    enum Part { DOCKER, PROXY }

    /** Docker or Caddy could not be asked what runs, so the pass stopped before it planned anything. */
    record HostUnreachable(Instant at, Part part, String message) implements AgentEvent {
        public String revision() {
            return null;
        }
    }

    /** The disk holding the ledger is full: no rollout starts until there is room. */
    record DiskFull(Instant at, String where, long freeBytes) implements AgentEvent {
        public String revision() {
            return null;
        }
    }

    /** The ledger could not be written: the pass stopped, the next one tries again. */
    record LedgerUnwritable(Instant at, String message) implements AgentEvent {
        public String revision() {
            return null;
        }
    }

    /** What runs could not be read for {@code status} at the end of a pass. */
    record StatusUnreadable(Instant at, String message) implements AgentEvent {
        public String revision() {
            return null;
        }
    }

    // --- backups --------------------------------------------------------------------------------------------
    // revision: the commit whose policy ran (the host's last applied commit), or null before the first apply.
    // kind: scheduled, manual, snapshot or pre-restore, as backup list --json prints it.

    /** A backup was stored, read back whole and recorded. */
    record BackupStored(Instant at, String revision, String backup, String kind, long backupId, String file,
                        long sizeBytes, Duration took) implements AgentEvent {
    }

    /** A backup run stored nothing; older backups are untouched. {@code message} names the step that failed. */
    record BackupFailed(Instant at, String revision, String backup, String kind, String message) implements AgentEvent {
    }

    /** Rotation deleted these files (local and, where there was one, their offsite copy), oldest first. */
    record BackupsRotated(Instant at, String revision, String backup, List<String> deleted) implements AgentEvent {
        public BackupsRotated {
            deleted = List.copyOf(deleted);
        }
    }

    /** A backup's offsite copy was made and read back with the same checksum. */
    record OffsiteCopied(Instant at, String revision, String backup, long backupId, String remote) implements AgentEvent {
    }

    /** A backup's offsite copy (or the pruning of old copies) failed; the local backup still counts. */
    record OffsiteFailed(Instant at, String revision, String backup, long backupId, String remote, String message)
            implements AgentEvent {
    }

    /** A restore drill restored backup {@code backupId} into a scratch database and its checks passed. */
    record DrillPassed(Instant at, String revision, String backup, long backupId, Duration took, long sizeBytes,
                       int tables) implements AgentEvent {
    }

    /** A restore drill failed (a missing backup is a failed drill); {@code message} names the step. */
    record DrillFailed(Instant at, String revision, String backup, String message, Duration took) implements AgentEvent {
    }

    /**
     * A break-glass restore replaced {@code target} with backup {@code backupId}; the old database is kept as
     * {@code keptAs}, and backup {@code preRestoreId} holds it too.
     */
    record DatabaseRestored(Instant at, String revision, String backup, long backupId, String target, String keptAs,
                            long preRestoreId, Duration took) implements AgentEvent {
    }

    /** A break-glass restore failed and left the target as it was. */
    record RestoreFailed(Instant at, String revision, String backup, String target, String message, Duration took)
            implements AgentEvent {
    }

    /**
     * A failed rollout's snapshot was restored because the candidate changed the schema: the writes from
     * {@code writesUndoneFrom} (the snapshot) to {@code writesUndoneTo} (the restore) are undone, and the replaced
     * database is kept as {@code keptAs}.
     */
    record SnapshotRestored(Instant at, String revision, String service, String backup, long snapshotId,
                            Instant writesUndoneFrom, Instant writesUndoneTo, String keptAs) implements AgentEvent {
    }

    /** A failed rollout's snapshot should have been restored and was not; the database is as the candidate left it. */
    record SnapshotRestoreFailed(Instant at, String revision, String service, String backup, String message)
            implements AgentEvent {
    }
}
