package io.driftless.ledger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One line of the agent's state in the Kubernetes/Flux style: {@code Ready}, {@code Reconciling},
 * {@code Stalled} (later {@code SourceUnavailable}). Field names are part of the {@code status --json} contract.
 *
 * @param type               which condition, CamelCase
 * @param status             {@code "True"}, {@code "False"} or {@code "Unknown"}
 * @param reason             CamelCase machine word, or null
 * @param message            the human sentence, or null
 * @param lastTransitionTime when {@code status} last changed; the ledger keeps the stored time when a new
 *                           condition of the same type arrives with the same status
 */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    public Condition {
        Checks.machineWord("condition type", type);
        if (!TRUE.equals(status) && !FALSE.equals(status) && !UNKNOWN.equals(status)) {
            throw new IllegalArgumentException(
                    "condition " + type + ": status must be \"True\", \"False\" or \"Unknown\", not " + Checks.quote(status));
        }
        if (reason != null) {
            Checks.reason(reason);
        }
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
    }

    private static final List<String> FIRST = List.of(READY, RECONCILING, STALLED);

    /** The order an operator reads them in: is it up, is it busy, is it stuck; anything newer after, by name. */
    public static final Comparator<Condition> READING_ORDER =
            Comparator.comparingInt(Condition::rank).thenComparing(Condition::type);

    /**
     * This condition as a store keeps it in place of {@code stored}, the one of its type already there. Like
     * Kubernetes: lastTransitionTime moves only when status changes, so it says "since when".
     */
    public Condition replacing(Condition stored) {
        if (stored == null || !stored.status().equals(status)) {
            return this;
        }
        return new Condition(type, status, reason, message, stored.lastTransitionTime());
    }

    private static int rank(Condition condition) {
        int i = FIRST.indexOf(condition.type());
        return i < 0 ? FIRST.size() : i;
    }
}
