package io.driftless.metrics;

import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.ledger.BackupStatus;
import io.driftless.ledger.Condition;
import io.driftless.ledger.ServiceStatus;
import io.driftless.ledger.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the agent in Prometheus text format (DESIGN.md, "Seeing and hearing from the agent").
 * Counters and timers come from the one event stream (this is a subscriber of the agent's bus); the gauges read the
 * ledger's status at scrape time, so they are right after a restart too. No JVM or system binders: the agent is small.
 */
public final class AgentMetrics implements EventSink {
    /** Buckets of the duration histograms: a pass takes milliseconds, a rollout or a drill minutes. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)};

    /**
     * The names exposed, DESIGN.md's list exactly (plus {@code driftless_suspended}, an extension: 1 while
     * {@code driftless suspend} holds new commits back): the scrape leaves out what Micrometer adds beside them (each
     * timer's {@code _max} gauge, which resets on a timer of its own and is not in the contract).
     */
    static final Set<String> NAMES = Set.of("driftless_build_info", "driftless_reconcile_duration_seconds",
            "driftless_reconcile_total", "driftless_rollout_duration_seconds", "driftless_rollouts_total",
            "driftless_health_probes_total", "driftless_condition", "driftless_applied_revision_info",
            "driftless_service_info", "driftless_backup_last_success_timestamp_seconds", "driftless_backup_size_bytes",
            "driftless_backups_total", "driftless_drill_duration_seconds", "driftless_drill_last_success_timestamp_seconds",
            "driftless_suspended");

    /** {@link #NAMES} as the Prometheus client names its snapshots when it filters: without _total and _info. */
    private static final Set<String> SNAPSHOTS = NAMES.stream().map(n -> n.replaceAll("_(total|info)$", ""))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final PrometheusMeterRegistry registry;
    private final Supplier<Status> status;
    private final AtomicInteger suspended = new AtomicInteger();
    private final MultiGauge conditions;
    private final MultiGauge appliedRevision;
    private final MultiGauge services;
    private final MultiGauge backupLastSuccess;
    private final MultiGauge backupSize;
    private final MultiGauge drillLastSuccess;
    /** The start of the rollout in progress (events arrive on the pass's thread, one rollout at a time). */
    private volatile Instant rolloutStarted;

    /** @param status the ledger's status, read at each scrape; {@code version} the agent's, for build_info */
    public AgentMetrics(String version, Supplier<Status> status) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.status = Objects.requireNonNull(status, "status");
        registry.gauge("driftless.build.info", Tags.of("version", version == null ? "unknown" : version), 1);
        Gauge.builder("driftless.suspended", suspended, AtomicInteger::get)
                .description("1 while driftless suspend holds new commits back (what runs is still repaired), else 0")
                .register(registry);
        conditions = MultiGauge.builder("driftless.condition")
                .description("the agent's conditions (Ready, Reconciling, Stalled, ...): 1 for the status each has, 0 for the others")
                .register(registry);
        appliedRevision = MultiGauge.builder("driftless.applied.revision.info")
                .description("the last known-good commit the host runs").register(registry);
        services = MultiGauge.builder("driftless.service.info")
                .description("each service as the last pass saw it: image and slot").register(registry);
        backupLastSuccess = MultiGauge.builder("driftless.backup.last.success.timestamp.seconds")
                .description("when the newest stored backup of each policy was made, Unix seconds").register(registry);
        backupSize = MultiGauge.builder("driftless.backup.size.bytes")
                .description("the size of the newest stored backup of each policy").register(registry);
        drillLastSuccess = MultiGauge.builder("driftless.drill.last.success.timestamp.seconds")
                .description("when the newest restore drill of each policy passed, Unix seconds (absent while its newest drill failed)")
                .register(registry);
    }

    /** The Prometheus text exposition (format 0.0.4) of every metric, gauges read from the ledger now. */
    public synchronized String scrape() {
        refresh(status.get());
        return registry.scrape("text/plain; version=0.0.4; charset=utf-8", SNAPSHOTS);
    }

    private void refresh(Status s) {
        suspended.set(s.suspended() == null ? 0 : 1);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Condition c : s.conditions()) {
            for (String value : List.of(Condition.TRUE, Condition.FALSE, Condition.UNKNOWN)) {
                rows.add(MultiGauge.Row.of(Tags.of("type", c.type(), "status", value), c.status().equals(value) ? 1 : 0));
            }
        }
        conditions.register(rows, true);
        appliedRevision.register(s.lastAppliedRevision() == null ? List.of()
                : List.of(MultiGauge.Row.of(Tags.of("revision", s.lastAppliedRevision()), 1)), true);
        List<MultiGauge.Row<?>> svc = new ArrayList<>();
        for (ServiceStatus service : s.services()) {
            svc.add(MultiGauge.Row.of(Tags.of("service", service.name(), "image", orEmpty(service.image()),
                    "slot", orEmpty(service.slot())), 1));
        }
        services.register(svc, true);
        List<MultiGauge.Row<?>> last = new ArrayList<>();
        List<MultiGauge.Row<?>> size = new ArrayList<>();
        List<MultiGauge.Row<?>> drill = new ArrayList<>();
        for (BackupStatus b : s.backups()) {
            Tags tags = Tags.of("backup", b.name());
            if (b.lastBackup() != null) {
                last.add(MultiGauge.Row.of(tags, seconds(b.lastBackup().at())));
                size.add(MultiGauge.Row.of(tags, b.lastBackup().sizeBytes()));
            }
            if (b.lastDrill() != null && b.lastDrill().passed()) {
                drill.add(MultiGauge.Row.of(tags, seconds(b.lastDrill().at())));
            }
        }
        backupLastSuccess.register(last, true);
        backupSize.register(size, true);
        drillLastSuccess.register(drill, true);
    }

    @Override
    public void publish(AgentEvent event) {
        switch (event) {
            case AgentEvent.PassFinished e -> {
                registry.counter("driftless.reconcile", "result", e.result()).increment();
                timer("driftless.reconcile.duration", Tags.empty(), "how long each reconcile pass took").record(e.took());
            }
            case AgentEvent.HealthProbed e ->
                    registry.counter("driftless.health.probes", "service", e.service(), "result", e.result()).increment();
            case AgentEvent.RolloutStarted e -> rolloutStarted = e.at();
            // A new tip, or the end of a rollback's own rollout: a refusal that follows has no duration.
            case AgentEvent.TipSeen e -> rolloutStarted = null;
            case AgentEvent.RolledBack e -> rolloutStarted = null;
            case AgentEvent.RollbackFailed e -> rolloutStarted = null;
            case AgentEvent.RolloutApplied e -> rollout("applied", "None", e.took());
            case AgentEvent.DriftRepaired e -> rollout("repaired", "None", e.took());
            case AgentEvent.RolloutFailed e -> rollout("failed", e.reason().code(), since(e.at()));
            case AgentEvent.RolloutStopped e -> rollout("stopped", e.reason().code(), since(e.at()));
            case AgentEvent.RepairFailed e -> rollout("repair_failed", e.reason().code(), since(e.at()));
            case AgentEvent.BackupStored e -> backups(e.backup(), "stored");
            case AgentEvent.BackupFailed e -> backups(e.backup(), "failed");
            case AgentEvent.DrillPassed e -> drill(e.backup(), e.took());
            case AgentEvent.DrillFailed e -> drill(e.backup(), e.took());
            default -> {
            }
        }
    }

    private void rollout(String outcome, String reason, Duration took) {
        registry.counter("driftless.rollouts", "outcome", outcome, "reason", reason).increment();
        if (took != null) {
            timer("driftless.rollout.duration", Tags.of("outcome", outcome), "how long each rollout took, by how it ended")
                    .record(took);
        }
        rolloutStarted = null;
    }

    private void backups(String backup, String result) {
        registry.counter("driftless.backups", "backup", backup, "result", result).increment();
    }

    private void drill(String backup, Duration took) {
        if (took != null) {
            timer("driftless.drill.duration", Tags.of("backup", backup), "how long each restore drill took").record(took);
        }
    }

    /** How long the rollout in progress ran until {@code end}, or null when none was seen starting (refused by a gate). */
    private Duration since(Instant end) {
        Instant start = rolloutStarted;
        return start == null ? null : Duration.between(start, end);
    }

    private Timer timer(String name, Tags tags, String description) {
        return Timer.builder(name).tags(tags).description(description).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
