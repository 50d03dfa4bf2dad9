/**
 * Notifications: the events an operator must hear of (a failed or rolled-back release, a recovery, the repository
 * away for long, a failed backup, offsite copy or drill, a drill passed) sent to Discord, Slack or any HTTP endpoint.
 * {@link io.driftless.notify.NoticeRules} decides what is sent (pure, clock injected: repeats suppressed for an hour,
 * the first success after a failure sent); {@link io.driftless.notify.Notifier} subscribes to the event bus, queues
 * and delivers with retries, never blocking a pass.
 */
package io.driftless.notify;
