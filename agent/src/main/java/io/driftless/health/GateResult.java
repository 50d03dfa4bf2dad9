package io.driftless.health;

import java.time.Duration;

/** How a health gate ended. */
public sealed interface GateResult {

    /** The container answered 2xx the required number of times in a row. */
    record Passed(int probes, Duration took) implements GateResult {
    }

    /**
     * The gate gave up.
     *
     * @param reason  {@code HealthGateFailed} (deadline passed) or {@code ContainerExited}
     * @param message what an operator reads: the probe, how long, and the last answer
     */
    record Failed(String reason, String message) implements GateResult {
    }
}
