package io.driftless.notify;

import java.time.Instant;

/**
 * One notification, as every target tells it: the generic JSON carries these fields as they are, Discord and Slack
 * render them.
 *
 * @param event    what happened, e.g. {@code rollout.failed}, {@code backup.recovered}
 * @param severity {@code error} for a failure, {@code info} for good news (a recovery, a drill passed)
 * @param commit   the full SHA concerned, or null
 * @param service  the service concerned, or null
 * @param backup   the backup policy concerned, or null
 * @param reason   the failure's reason code ({@code HealthGateFailed}, {@code BackupFailed}), or null
 * @param title    a few words for a chat headline, e.g. {@code Rollout failed}
 * @param message  what happened and what to do next, in sentences
 * @param at       when the event happened
 */
public record Notice(String event, String severity, String commit, String service, String backup, String reason,
                     String title, String message, Instant at) {
    public static final String ERROR = "error";
    public static final String INFO = "info";

    public boolean failure() {
        return ERROR.equals(severity);
    }
}
