package io.driftless.notify;

import io.driftless.desired.Durations;
import io.driftless.events.AgentEvent;
import io.driftless.events.AgentEvent.*;
import io.driftless.events.EventText;
import io.driftless.events.Reason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.driftless.events.Commits.shortSha;

/**
 * Which events become a notification, and when one is held back. Pure apart from the injected clock; not
 * thread-safe (the {@link Notifier} calls it under its lock).
 *
 * <ul>
 *   <li>Sent: a rollout failed, a rollback done, a backup, offsite copy or drill failed, a drill passed, the
 *       repository unreadable for longer than {@code sourceDownAfter}.</li>
 *   <li>The same failure (same kind, same subject: the commit, the backup policy, the repository; same reason) is
 *       not sent again within {@link #REPEAT_AFTER}; a changed reason is sent at once.</li>
 *   <li>The first success after a failure that was sent is sent too, as the recovery: a new commit applied after a
 *       failed or rolled-back one, a backup stored or an offsite copy made after a failure, the repository back.</li>
 * </ul>
 */
public final class NoticeRules {
    /** How long the same failure stays quiet after it was sent. */
    public static final Duration REPEAT_AFTER = Duration.ofHours(1);
    /** The default of {@code --notify-source-down-after}. */
    public static final Duration SOURCE_DOWN_AFTER = Duration.ofMinutes(10);
    private static final String ROLLOUT = "rollout";
    private static final String SOURCE = "source";
    private static final String RUNBOOK_RELEASE = "runbooks/roll-back-a-bad-release.md";
    private static final String RUNBOOK_BACKUP = "runbooks/restore-the-database.md";
    private static final String RUNBOOK_AGENT = "runbooks/agent-down.md";

    /** An open failure: sent, not yet followed by a success. {@code family} groups what one success recovers. */
    private record Key(String family, String event, String subject) {
    }

    private record Sent(String fingerprint, Instant at) {
    }

    private final Clock clock;
    private final Duration sourceDownAfter;
    private final Map<Key, Sent> open = new LinkedHashMap<>();
    private Instant sourceDownSince;

    public NoticeRules(Clock clock, Duration sourceDownAfter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sourceDownAfter = Objects.requireNonNull(sourceDownAfter, "sourceDownAfter");
    }

    /** The notification {@code event} makes, or empty when it makes none (now). */
    public Optional<Notice> decide(AgentEvent event) {
        return switch (event) {
            case RolloutFailed e -> failure(ROLLOUT, e.revision(), e.reason().code() + e.message(), new Notice(
                    "rollout.failed", Notice.ERROR, e.revision(), null, null, e.reason().code(), "Rollout failed",
                    "commit " + shortSha(e.revision()) + " failed (" + e.reason() + "): " + e.message() + details(e.details())
                            + ". The host stays on (or went back to) the last known-good commit. Next: run 'git revert "
                            + e.revision() + "' and push it, or push a fix; see " + RUNBOOK_RELEASE, e.at()));
            case RolledBack e -> failure(ROLLOUT, "rolled-back " + e.failedTip(), "", new Notice(
                    "rollout.rolled_back", Notice.ERROR, e.failedTip(), null, null, null, "Rolled back",
                    "the host runs the last known-good commit " + shortSha(e.revision()) + " again (rolled back in "
                            + seconds(e.took()) + ") because commit " + shortSha(e.failedTip()) + " failed. Next: run 'git revert "
                            + e.failedTip() + "' and push it, or push a fix; see " + RUNBOOK_RELEASE, e.at()));
            case RolloutApplied e -> recovery(ROLLOUT, new Notice("rollout.recovered", Notice.INFO, e.revision(), null, null,
                    null, "Converged again", "commit " + shortSha(e.revision()) + " is applied ("
                            + EventText.lines(e).getLast().text() + "): the host has converged after the earlier failure", e.at()));
            case SourceUnavailable e -> sourceDown(e);
            case SourceBack e -> {
                sourceDownSince = null;
                yield recovery(SOURCE, new Notice("source.back", Notice.INFO, null, null, null, null, "Repository back",
                        EventText.lines(e).getLast().text(), e.at()));
            }
            case BackupFailed e -> failure("backup " + e.backup(), e.backup(), e.message(), new Notice("backup.failed",
                    Notice.ERROR, e.revision(), null, e.backup(), Reason.BACKUP_FAILED.code(), "Backup failed",
                    EventText.lines(e).getLast().text() + ". Next: fix the cause, run 'driftless "
                            + "backup run " + e.backup() + "' and check it; see " + RUNBOOK_BACKUP, e.at()));
            case BackupStored e -> recovery("backup " + e.backup(), new Notice("backup.recovered", Notice.INFO, e.revision(),
                    null, e.backup(), null, "Backup works again",
                            EventText.lines(e).getLast().text() + ", after the earlier failure", e.at()));
            case OffsiteFailed e -> failure("offsite " + e.backup(), e.backup(), e.remote() + e.message(), new Notice(
                    "offsite.failed", Notice.ERROR, e.revision(), null, e.backup(), Reason.OFFSITE_FAILED.code(),
                    "Offsite copy failed", EventText.lines(e).getLast().text()
                            + "; see " + RUNBOOK_BACKUP, e.at()));
            case OffsiteCopied e -> recovery("offsite " + e.backup(), new Notice("offsite.recovered", Notice.INFO,
                    e.revision(), null, e.backup(), null, "Offsite copy works again",
                            EventText.lines(e).getLast().text() + ", after the earlier failure", e.at()));
            case DrillFailed e -> failure("drill " + e.backup(), e.backup(), e.message(), new Notice("drill.failed",
                    Notice.ERROR, e.revision(), null, e.backup(), Reason.DRILL_FAILED.code(), "Restore drill failed",
                    EventText.lines(e).getLast().text(), e.at()));
            case DrillPassed e -> {
                recovery("drill " + e.backup(), null);
                yield Optional.of(new Notice("drill.passed", Notice.INFO, e.revision(), null, e.backup(), null,
                        "Restore drill passed", EventText.lines(e).getLast().text(), e.at()));
            }
            default -> Optional.empty();
        };
    }

    private Optional<Notice> sourceDown(SourceUnavailable e) {
        Instant now = clock.instant();
        if (sourceDownSince == null || e.failuresInRow() <= 1) {
            sourceDownSince = now;
        }
        Duration down = Duration.between(sourceDownSince, now);
        if (down.compareTo(sourceDownAfter) < 0) {
            return Optional.empty();
        }
        return failure(SOURCE, "repository", "", new Notice("source.unavailable", Notice.ERROR, null, null, null, null,
                "Repository unreachable", "cannot read the repository for " + Durations.format(down.withNanos(0)) + " ("
                        + e.failuresInRow() + " fetches in a row): " + e.message() + "; the host keeps running the last "
                        + "known-good commit. Next: check the Git server, the network and the credentials; see "
                        + RUNBOOK_AGENT, e.at()));
    }

    /** {@code notice} unless the same failure of the same subject was sent less than an hour ago. */
    private Optional<Notice> failure(String family, String subject, String fingerprint, Notice notice) {
        Instant now = clock.instant();
        Key key = new Key(family, notice.event(), subject);
        Sent before = open.get(key);
        if (before != null && before.fingerprint().equals(fingerprint)
                && Duration.between(before.at(), now).compareTo(REPEAT_AFTER) < 0) {
            return Optional.empty();
        }
        open.put(key, new Sent(fingerprint, now));
        return Optional.of(notice);
    }

    /** {@code notice} when a failure of {@code family} was sent and not recovered yet; closes them all. */
    private Optional<Notice> recovery(String family, Notice notice) {
        boolean recovered = false;
        for (Iterator<Key> keys = open.keySet().iterator(); keys.hasNext(); ) {
            if (keys.next().family().equals(family)) {
                keys.remove();
                recovered = true;
            }
        }
        return recovered ? Optional.ofNullable(notice) : Optional.empty();
    }

    private static String details(List<String> details) {
        if (details.isEmpty()) {
            return "";
        }
        List<String> shown = details.subList(0, Math.min(5, details.size()));
        return " (" + String.join("; ", shown) + (details.size() > shown.size() ? "; and " + (details.size() - shown.size())
                + " more" : "") + ")";
    }

    private static String seconds(Duration took) {
        return took.toMillis() / 1000.0 + "s";
    }
}
