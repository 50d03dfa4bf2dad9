package io.driftless.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A commit the agent tried and gave up on; it is not retried until a new commit arrives or the operator
 * asks for a retry. Field names are part of the {@code status --json} contract.
 *
 * @param revision full commit SHA
 * @param reason   CamelCase machine word, for scripts and alerts ({@code HealthGateFailed})
 * @param message  the human sentence: what went wrong and where
 * @param failedAt when the failure was recorded
 */
public record FailedRevision(String revision, String reason, String message, Instant failedAt) {
    public FailedRevision {
        Checks.revision(revision);
        Checks.reason(reason);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(failedAt, "failedAt");
    }
}
