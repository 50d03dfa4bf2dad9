package io.driftless.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code driftless status} prints. Field names are the public {@code status --json} contract
 * (README, "status --json"; docs/architecture.md): rename nothing, add freely.
 *
 * @param lastAttemptedRevision the newest commit the agent tried, or null before the first attempt
 * @param lastAppliedRevision   the last known-good commit, or null before the first success
 * @param failedRevisions       commits that failed and were not applied since, newest first
 * @param conditions            Ready, Reconciling, Stalled first, then any other type by name
 * @param services              by name
 * @param observedAt            end of the pass that saved the services, or null before the first pass
 * @param backups               each backup policy the ledger has a backup, drill, snapshot restore or schedule of, by name
 * @param suspended             the suspension in force ({@code driftless suspend}), or null
 */
public record Status(
        String lastAttemptedRevision,
        String lastAppliedRevision,
        List<FailedRevision> failedRevisions,
        List<Condition> conditions,
        List<ServiceStatus> services,
        Instant observedAt,
        List<BackupStatus> backups,
        Suspension suspended) {
    public Status {
        failedRevisions = List.copyOf(failedRevisions);
        conditions = List.copyOf(conditions);
        services = List.copyOf(services);
        backups = List.copyOf(backups);
    }

    /** A status of a host that is not suspended. */
    public Status(String lastAttemptedRevision, String lastAppliedRevision, List<FailedRevision> failedRevisions,
            List<Condition> conditions, List<ServiceStatus> services, Instant observedAt, List<BackupStatus> backups) {
        this(lastAttemptedRevision, lastAppliedRevision, failedRevisions, conditions, services, observedAt, backups, null);
    }

    /** A status without backups: a host whose manifest has no backup policy. */
    public Status(String lastAttemptedRevision, String lastAppliedRevision, List<FailedRevision> failedRevisions,
            List<Condition> conditions, List<ServiceStatus> services, Instant observedAt) {
        this(lastAttemptedRevision, lastAppliedRevision, failedRevisions, conditions, services, observedAt, List.of());
    }
}
