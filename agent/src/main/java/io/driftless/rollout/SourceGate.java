package io.driftless.rollout;

import io.driftless.events.Reason;

import java.util.Optional;

/**
 * Decides whether a new tip may be applied at all, before its manifest is read: history must move forward
 * from the last applied commit, and (when configured) every new commit must be signed by a trusted key.
 */
@FunctionalInterface
public interface SourceGate {
    SourceGate OPEN = (lastApplied, tip) -> Optional.empty();

    /**
     * @param lastApplied the last known-good commit, or null before the first apply
     * @return why {@code tip} is refused, or empty when it may be applied
     */
    Optional<Refusal> check(String lastApplied, String tip) throws RepositoryException;

    /**
     * @param reason  {@link Reason#NON_FAST_FORWARD} or {@link Reason#SIGNATURE_INVALID}
     * @param commit  the commit at fault (the tip, or the unsigned commit in the range)
     * @param message what an operator reads, naming the commit and what to do
     */
    record Refusal(Reason reason, String commit, String message) {
    }
}
