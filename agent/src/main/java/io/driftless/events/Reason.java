package io.driftless.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a commit was not applied, or why a rollout stopped: one word for scripts, alert rules and {@code status
 * --json} (the {@link #code()}), and whose fault it is. A commit's fault marks the commit failed, so it is not tried
 * again on every poll; a host's fault leaves the commit unblamed, and the next pass tries again.
 */
public enum Reason {
    // Refused before anything starts.
    INVALID_MANIFEST("InvalidManifest", Fault.COMMIT),
    MANIFEST_MISSING("ManifestMissing", Fault.COMMIT),
    POLICY_VIOLATION("PolicyViolation", Fault.COMMIT),
    NON_FAST_FORWARD("NonFastForward", Fault.COMMIT),
    SIGNATURE_INVALID("SignatureInvalid", Fault.COMMIT),
    REMOVE_ALL_REFUSED("RemoveAllRefused", Fault.COMMIT),
    // Refused while rolling out.
    IMAGE_UNAVAILABLE("ImageUnavailable", Fault.COMMIT),
    CONTAINER_REFUSED("ContainerRefused", Fault.COMMIT),
    CONTAINER_EXITED("ContainerExited", Fault.COMMIT),
    HEALTH_GATE_FAILED("HealthGateFailed", Fault.COMMIT),
    MONITOR_FAILED("MonitorFailed", Fault.COMMIT),
    PROXY_REJECTED("ProxyRejected", Fault.COMMIT),
    SNAPSHOT_FAILED("SnapshotFailed", Fault.COMMIT),
    /**
     * A bug of the agent's in a step. Marked on the commit all the same, so a step that always trips over it is not
     * retried on every poll; {@code reconcile --retry} tries again once the agent is fixed.
     */
    INTERNAL_ERROR("InternalError", Fault.COMMIT),
    // The host failed: nobody answered.
    DOCKER_ERROR("DockerError", Fault.HOST),
    PROXY_UNAVAILABLE("ProxyUnavailable", Fault.HOST),
    /** The agent stopped (or was killed) in the middle of a rollout; the next start converges from what runs. */
    AGENT_STOPPED("AgentStopped", Fault.HOST),
    // A backup policy's run failed: no commit is to blame.
    BACKUP_FAILED("BackupFailed", Fault.HOST),
    OFFSITE_FAILED("OffsiteFailed", Fault.HOST),
    DRILL_FAILED("DrillFailed", Fault.HOST);

    /** Whose fault a failure is. */
    public enum Fault { COMMIT, HOST }

    private final String code;
    private final Fault fault;

    Reason(String code, Fault fault) {
        this.code = code;
        this.fault = fault;
    }

    /** The CamelCase word scripts match, e.g. {@code HealthGateFailed}; stable across releases. */
    public String code() {
        return code;
    }

    public Fault fault() {
        return fault;
    }

    /** True when the host, not the commit, failed: the commit is not marked failed. */
    public boolean hostFault() {
        return fault == Fault.HOST;
    }

    /** The reason whose {@link #code()} is {@code code}, e.g. when reading a ledger row back. */
    public static Optional<Reason> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }

    /** The code: reasons are printed into messages as the word users see in {@code status}. */
    @Override
    public String toString() {
        return code;
    }
}
