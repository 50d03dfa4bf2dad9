package io.driftless.rollout;

import io.driftless.source.SourceException;

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
    Optional<Refusal> check(String lastApplied, String tip) throws SourceException;

    /**
     * @param reason  {@code NonFastForward} or {@code SignatureInvalid}
     * @param commit  the commit at fault (the tip, or the unsigned commit in the range)
     * @param message what an operator reads, naming the commit and what to do
     */
    record Refusal(String reason, String commit, String message) {
    }
}
