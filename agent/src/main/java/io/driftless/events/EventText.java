package io.driftless.events;

import io.driftless.events.AgentEvent.*;
import io.driftless.plan.Change;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.driftless.events.Commits.shortSha;

/**
 * The sentences people read for each event: the log, the ledger's event list, and later the status page and the
 * notifications all say the same thing. Most events are one line; a refused commit adds one line per problem, a
 * rollout one line per change, and a finished step none (its result is history, kept by the rollout recorder), nor a
 * finished rollback (its start said it).
 */
public final class EventText {
    private EventText() {
    }

    /** One line as the journal writes it; {@link #toString()} is the log line. */
    public record Line(Severity severity, String revision, String service, String backup, String text) {
        public Line(Severity severity, String revision, String service, String text) {
            this(severity, revision, service, null, text);
        }

        /**
         * {@code commit <12 chars> service <name> backup <name>: <text>}, with {@code commit -} when no commit is
         * concerned and each name only where there is one.
         */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("commit ").append(revision == null ? "-" : shortSha(revision));
            if (service != null) {
                b.append(" service ").append(service);
            }
            if (backup != null) {
                b.append(" backup ").append(backup);
            }
            return b.append(": ").append(text).toString();
        }
    }

    public static List<Line> lines(AgentEvent event) {
        return switch (event) {
            case TipSeen e -> one(e, e.retrying() ? "retrying as asked" : "new tip of the branch");
            case FailedCommitSkipped e -> one(e, "failed earlier (" + e.reason() + ": " + e.message() + "); not retried. "
                    + "Push a fix or a revert, or run 'driftless reconcile --retry'");
            case PassSuspended e -> one(e, suspended(e));
            case SourceUnavailable e -> one(e, "cannot read the repository (" + e.failuresInRow() + " time"
                    + (e.failuresInRow() == 1 ? "" : "s") + " in a row): " + e.message()
                    + "; the host keeps running the last known-good commit");
            case SourceBack e -> one(e, "the repository answers again after " + e.failedFetches() + " failed fetch(es)");
            case RolloutStarted e -> changes(e);
            case StepStarted e -> one(e, e.step().describe());
            case StepFinished e -> List.of();
            case PassFinished e -> List.of();
            case HealthProbed e -> List.of();
            case StepNotRecorded e -> one(e, "could not record the step in the ledger: " + e.message());
            case RolloutApplied e -> one(e, e.hostAlreadyRan() ? "applied (the host already ran it)" : applied(e.took()));
            case DriftRepaired e -> one(e, applied(e.took()));
            case RolloutFailed e -> failed(e);
            case RolloutStopped e -> one(e, "rollout stopped because the host failed (" + e.reason() + "): " + e.message()
                    + "; the commit is not blamed, and the next pass tries again");
            case RepairFailed e -> one(e, "could not repair the host (" + e.reason() + "): " + e.message()
                    + "; the commit stays the last known-good one and the next pass tries again");
            case RollbackStarted e -> one(e, "restoring the last known-good commit (tip " + shortSha(e.failedTip()) + " is failed)");
            case RolledBack e -> List.of(); // told by its RollbackStarted line; the event is for metrics and notifications
            case RollbackFailed e -> one(e, "could not restore the last known-good commit: " + e.message());
            case NoKnownGoodCommit e -> one(e, "no commit has been applied yet, so there is no known-good state to hold; "
                    + "the host is left as it is");
            case KnownGoodUnreadable e -> one(e, "the last known-good commit no longer parses (" + e.message() + "); nothing done");
            case HostUnreachable e -> one(e, switch (e.part()) {
                case DOCKER -> "cannot reach Docker: ";
                case PROXY -> "cannot read Caddy's routes: ";
            } + e.message());
            case DiskFull e -> one(e, "the disk holding " + e.where() + " is full (" + e.freeBytes() + " bytes free): no rollout "
                    + "starts until there is room; the host keeps running as it is. Make room on that disk");
            case LedgerUnwritable e -> one(e, "cannot write the ledger: " + e.message()
                    + "; this pass stops here and the next one tries again (is the state dir's disk full?)");
            case StatusUnreadable e -> one(e, "could not read what runs for the status: " + e.message());
            case BackupStored e -> one(e, e.kind() + " backup #" + e.backupId() + " stored and read back whole: " + e.file()
                    + " (" + Sizes.human(e.sizeBytes()) + ", " + seconds(e.took()) + ")");
            case BackupFailed e -> one(e, e.kind() + " backup failed: " + e.message() + "; older backups are untouched");
            case BackupsRotated e -> one(e, "rotation deleted " + e.deleted().size() + " old backup"
                    + (e.deleted().size() == 1 ? "" : "s") + ": " + String.join(", ", e.deleted()));
            case OffsiteCopied e -> one(e, "backup #" + e.backupId() + " copied to " + e.remote() + " and read back (checksum equal)");
            case OffsiteFailed e -> one(e, "offsite copy to " + e.remote() + " failed"
                    + (e.backupId() > 0 ? " for backup #" + e.backupId() : "") + ": " + e.message()
                    + "; the local backup still counts. Check the remote, then run 'driftless backup run " + e.backup() + "'");
            case DrillPassed e -> one(e, "restore drill passed: backup #" + e.backupId() + " (" + Sizes.human(e.sizeBytes())
                    + ", " + e.tables() + " table" + (e.tables() == 1 ? "" : "s") + ") restored and checked in " + seconds(e.took()));
            case DrillFailed e -> one(e, "restore drill failed after " + seconds(e.took()) + ": " + e.message()
                    + "; see runbooks/restore-the-database.md");
            case DatabaseRestored e -> one(e, "database " + e.target() + " restored from backup #" + e.backupId() + " in "
                    + seconds(e.took()) + "; the database it replaced is kept as " + e.keptAs()
                    + " and in pre-restore backup #" + e.preRestoreId());
            case RestoreFailed e -> one(e, "restore of database " + e.target() + " failed after " + seconds(e.took()) + ": "
                    + e.message() + "; the database is as it was");
            case SnapshotRestored e -> one(e, "the failed candidate changed the schema, so snapshot #" + e.snapshotId()
                    + " was restored; writes from " + e.writesUndoneFrom() + " to " + e.writesUndoneTo() + " are undone "
                    + "(the replaced database is kept as " + e.keptAs() + "); the old version keeps serving");
            case SnapshotRestoreFailed e -> one(e, "could not restore the snapshot after the failed rollout: " + e.message()
                    + "; the database is as the candidate left it. See runbooks/restore-the-database.md");
        };
    }

    private static List<Line> one(AgentEvent e, String text) {
        return List.of(new Line(e.severity(), e.revision(), e.service(), e.backup(), text));
    }

    private static String seconds(Duration took) {
        return took.toMillis() / 1000.0 + "s";
    }

    private static List<Line> changes(RolloutStarted e) {
        List<Line> lines = new ArrayList<>();
        for (Change change : e.changes()) {
            lines.add(new Line(e.severity(), e.revision(), change.service(),
                    change.toString().substring(change.service().length() + 1)));
        }
        return lines;
    }

    private static List<Line> failed(RolloutFailed e) {
        List<Line> lines = new ArrayList<>();
        for (String detail : e.details()) {
            lines.add(new Line(e.severity(), e.revision(), null, detail));
        }
        lines.add(new Line(e.severity(), e.revision(), null, "failed (" + e.reason() + "): " + e.message()));
        return lines;
    }

    private static String suspended(PassSuspended e) {
        String held = e.revision() == null ? "nothing was applied yet, so nothing is kept running"
                : e.tip().equals(e.revision()) ? "the tip is the commit that runs; what runs is still repaired"
                : "tip " + shortSha(e.tip()) + " is not applied; what runs is still repaired";
        return "suspended since " + e.since() + " by " + e.by() + (e.reason() == null ? "" : " (" + e.reason() + ")")
                + ": " + held + ". Run 'driftless resume' to apply new commits again";
    }

    private static String applied(Duration took) {
        return "applied in " + took.toMillis() / 1000.0 + "s";
    }
}
