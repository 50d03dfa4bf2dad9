package io.driftless.rollout;

import io.driftless.events.AgentEvent;
import io.driftless.ledger.Ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * The first gate of a pass: without room for its memory the agent could not record a failure, and would try a bad
 * commit again and again, so no rollout starts while the state dir's disk is full. What runs keeps running.
 */
final class FreeDisk {
    /** Below this much free space on the state dir's disk, no pass starts (the ledger must be able to record). */
    static final long MIN_FREE_BYTES = 512 * 1024;

    private final Ledger ledger;

    FreeDisk(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Why no pass may start now, or empty when there is room (or the disk cannot be asked). */
    Optional<AgentEvent.DiskFull> full(Instant now) {
        long free = ledger.freeBytes();
        if (free >= 0 && free < MIN_FREE_BYTES) {
            return Optional.of(new AgentEvent.DiskFull(now, ledger.file().getParent().toString(), free));
        }
        return Optional.empty();
    }
}
