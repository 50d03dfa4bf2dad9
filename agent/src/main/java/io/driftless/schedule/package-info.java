/**
 * The one loop for timed work: the reconcile pass every interval, and jobs on cron schedules (backups, restore
 * drills), with one shutdown path, one liveness check for {@code /healthz}, and per-resource locks so jobs that
 * touch the same thing never overlap. Core: it knows no adapter and no job's insides; clocks, waits and randomness
 * come from outside, so its tests run on a fake clock. See docs/architecture.md, "The scheduler".
 */
package io.driftless.schedule;
