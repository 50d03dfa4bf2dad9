package io.driftless.health;

import io.driftless.events.Reason;

import java.time.Duration;

/** How a health gate ended. */
public sealed interface GateResult {

    /** The container answered 2xx the required number of times in a row. */
    record Passed(int probes, Duration took) implements GateResult {
    }

    /**
     * The gate gave up.
     *
     * @param reason  {@link Reason#HEALTH_GATE_FAILED} (deadline passed) or {@link Reason#CONTAINER_EXITED}
     * @param message what an operator reads: the probe, how long, and the last answer
     */
    record Failed(Reason reason, String message) implements GateResult {
    }
}
