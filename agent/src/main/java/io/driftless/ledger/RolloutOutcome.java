package io.driftless.ledger;

/** How a rollout ended. A rollout still running has no outcome. */
public enum RolloutOutcome {
    APPLIED,
    FAILED,
    /** The agent stopped (crash, kill, reboot) before the rollout finished; recorded at the next start-up. */
    INTERRUPTED
}
