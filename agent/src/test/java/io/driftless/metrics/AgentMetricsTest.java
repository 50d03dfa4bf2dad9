package io.driftless.metrics;

import io.driftless.events.AgentEvent;
import io.driftless.events.Reason;
import io.driftless.ledger.BackupStatus;
import io.driftless.ledger.Condition;
import io.driftless.ledger.ServiceStatus;
import io.driftless.ledger.Status;
import io.driftless.testing.PrometheusText;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentMetricsTest {
    static final String A = "a".repeat(40);
    static final String B = "b".repeat(40);
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    final AtomicReference<Status> status = new AtomicReference<>(new Status(null, null, List.of(), List.of(), List.of(), null));
    final AgentMetrics metrics = new AgentMetrics("1.2.3", status::get);

    PrometheusText scrape() {
        return PrometheusText.parse(metrics.scrape());
    }

    @Test
    void countsPassesRolloutsBackupsAndDrillsFromEvents() {
        metrics.publish(new AgentEvent.PassFinished(T, A, "converged", Duration.ofMillis(300)));
        metrics.publish(new AgentEvent.RolloutStarted(T, B, 7, List.of()));
        metrics.publish(new AgentEvent.RolloutFailed(T.plusSeconds(42), B, Reason.HEALTH_GATE_FAILED, "web never healthy", List.of()));
        metrics.publish(new AgentEvent.PassFinished(T.plusSeconds(43), B, "failed", Duration.ofSeconds(43)));
        metrics.publish(new AgentEvent.RolloutApplied(T, A, Duration.ofSeconds(20), false));
        metrics.publish(new AgentEvent.BackupStored(T, A, "db", "scheduled", 1, "db-1.dump", 1000, Duration.ofSeconds(2)));
        metrics.publish(new AgentEvent.BackupFailed(T, A, "db", "scheduled", "pg_dump failed"));
        metrics.publish(new AgentEvent.DrillPassed(T, A, "db", 1, Duration.ofSeconds(9), 1000, 3));

        PrometheusText m = scrape();
        assertEquals(Optional.of(1.0), m.value("driftless_build_info", Map.of("version", "1.2.3")));
        assertEquals(Optional.of(1.0), m.value("driftless_reconcile_total", Map.of("result", "converged")));
        assertEquals(Optional.of(1.0), m.value("driftless_reconcile_total", Map.of("result", "failed")));
        assertEquals(Optional.of(2.0), m.value("driftless_reconcile_duration_seconds_count", Map.of()));
        assertEquals(Optional.of(43.3), m.value("driftless_reconcile_duration_seconds_sum", Map.of()));
        assertEquals(Optional.of(1.0), m.value("driftless_reconcile_duration_seconds_bucket", Map.of("le", "0.5")));
        assertEquals("histogram", m.types().get("driftless_reconcile_duration_seconds"));
        assertEquals(Optional.of(1.0), m.value("driftless_rollouts_total", Map.of("outcome", "failed", "reason", "HealthGateFailed")));
        assertEquals(Optional.of(1.0), m.value("driftless_rollouts_total", Map.of("outcome", "applied", "reason", "None")));
        assertEquals(Optional.of(42.0), m.value("driftless_rollout_duration_seconds_sum", Map.of("outcome", "failed")));
        assertEquals(Optional.of(20.0), m.value("driftless_rollout_duration_seconds_sum", Map.of("outcome", "applied")));
        assertEquals(Optional.of(1.0), m.value("driftless_backups_total", Map.of("backup", "db", "result", "stored")));
        assertEquals(Optional.of(1.0), m.value("driftless_backups_total", Map.of("backup", "db", "result", "failed")));
        assertEquals(Optional.of(9.0), m.value("driftless_drill_duration_seconds_sum", Map.of("backup", "db")));
    }

    @Test
    void aCommitRefusedBeforeAnythingStartedCountsWithoutADuration() {
        metrics.publish(new AgentEvent.RolloutStarted(T, B, 7, List.of()));
        metrics.publish(new AgentEvent.RolledBack(T.plusSeconds(5), A, B, Duration.ofSeconds(5)));
        metrics.publish(new AgentEvent.TipSeen(T.plusSeconds(60), B, false));
        metrics.publish(new AgentEvent.RolloutFailed(T.plusSeconds(61), B, Reason.HEALTH_GATE_FAILED, "refused", List.of()));

        PrometheusText m = scrape();
        assertEquals(Optional.of(1.0), m.value("driftless_rollouts_total", Map.of("outcome", "failed", "reason", "HealthGateFailed")));
        assertEquals(Optional.empty(), m.value("driftless_rollout_duration_seconds_count", Map.of("outcome", "failed")));
    }

    @Test
    void gaugesReadTheLedgerStatusAtEachScrape() {
        Instant backupAt = Instant.parse("2026-12-01T03:00:00Z");
        Instant drillAt = Instant.parse("2026-12-01T05:00:00Z");
        status.set(new Status(A, A, List.of(),
                List.of(new Condition(Condition.READY, Condition.TRUE, "Converged", "ok", T)),
                List.of(new ServiceStatus("web", "nginx:1.27", A, "blue", "web-blue", "serving")), T,
                List.of(new BackupStatus("db", new BackupStatus.LastBackup(3, backupAt, 2048, "x", true, null), null,
                        new BackupStatus.LastDrill(drillAt, true, 9000, "ok"), null, null, null))));
        PrometheusText m = scrape();
        assertEquals(Optional.of(1.0), m.value("driftless_condition", Map.of("type", "Ready", "status", "True")));
        assertEquals(Optional.of(0.0), m.value("driftless_condition", Map.of("type", "Ready", "status", "False")));
        assertEquals(Optional.of(1.0), m.value("driftless_applied_revision_info", Map.of("revision", A)));
        assertEquals(Optional.of(1.0), m.value("driftless_service_info", Map.of("service", "web", "image", "nginx:1.27", "slot", "blue")));
        assertEquals(Optional.of((double) backupAt.getEpochSecond()),
                m.value("driftless_backup_last_success_timestamp_seconds", Map.of("backup", "db")));
        assertEquals(Optional.of(2048.0), m.value("driftless_backup_size_bytes", Map.of("backup", "db")));
        assertEquals(Optional.of((double) drillAt.getEpochSecond()),
                m.value("driftless_drill_last_success_timestamp_seconds", Map.of("backup", "db")));

        // The next commit is applied and the service moved: the old rows are gone, not left beside the new ones.
        status.set(new Status(B, B, List.of(), List.of(new Condition(Condition.READY, Condition.FALSE, "Failed", "no", T)),
                List.of(new ServiceStatus("web", "nginx:1.28", B, "green", "web-green", "serving")), T, List.of()));
        m = scrape();
        assertEquals(Optional.empty(), m.value("driftless_applied_revision_info", Map.of("revision", A)));
        assertEquals(Optional.of(1.0), m.value("driftless_applied_revision_info", Map.of("revision", B)));
        assertEquals(Optional.empty(), m.value("driftless_service_info", Map.of("service", "web", "image", "nginx:1.27", "slot", "blue")));
        assertEquals(Optional.of(1.0), m.value("driftless_condition", Map.of("type", "Ready", "status", "False")));
        assertEquals(Optional.empty(), m.value("driftless_backup_size_bytes", Map.of("backup", "db")));
    }

    @Test
    void noCommitShaIsALabelExceptOnTheInfoSeries() {
        metrics.publish(new AgentEvent.PassFinished(T, A, "converged", Duration.ofMillis(300)));
        metrics.publish(new AgentEvent.RolloutApplied(T, A, Duration.ofSeconds(20), false));
        status.set(new Status(A, A, List.of(), List.of(), List.of(), T));
        PrometheusText m = scrape();
        for (PrometheusText.Sample s : m.samples()) {
            if (!s.name().equals("driftless_applied_revision_info")) {
                assertTrue(!s.labels().containsValue(A), s.toString());
            }
        }
    }

    @Test
    void aSuspendedHostShowsOneUntilResumed() {
        List<Condition> ready = List.of(new Condition(Condition.READY, Condition.TRUE, "Suspended", "held", T));
        status.set(new Status(A, A, List.of(), ready, List.of(), T, List.of(),
                new io.driftless.ledger.Suspension(T, "ops@host", "migration by hand")));
        assertEquals(Optional.of(1.0), scrape().value("driftless_suspended", Map.of()));
        status.set(new Status(A, A, List.of(), ready, List.of(), T, List.of()));
        assertEquals(Optional.of(0.0), scrape().value("driftless_suspended", Map.of()));
    }

    @Test
    void exposesExactlyTheDesignedNames() {
        metrics.publish(new AgentEvent.PassFinished(T, A, "converged", Duration.ofMillis(300)));
        metrics.publish(new AgentEvent.RolloutApplied(T, A, Duration.ofSeconds(20), false));
        metrics.publish(new AgentEvent.HealthProbed(T, A, "web", "healthy"));
        metrics.publish(new AgentEvent.BackupStored(T, A, "db", "scheduled", 1, "db-1.dump", 1000, Duration.ofSeconds(2)));
        metrics.publish(new AgentEvent.DrillFailed(T, A, "db", "no backup", Duration.ofSeconds(1)));
        status.set(new Status(A, A, List.of(), List.of(new Condition(Condition.READY, Condition.TRUE, "Converged", "ok", T)),
                List.of(new ServiceStatus("web", "nginx:1.27", A, "blue", "web-blue", "serving")), T,
                List.of(new BackupStatus("db", new BackupStatus.LastBackup(3, T, 2048, "x", true, null), null,
                        new BackupStatus.LastDrill(T, true, 9000, "ok"), null, null, null))));
        PrometheusText m = scrape();
        assertEquals(java.util.Set.of("driftless_build_info", "driftless_reconcile_duration_seconds", "driftless_reconcile_total",
                "driftless_rollout_duration_seconds", "driftless_rollouts_total", "driftless_health_probes_total",
                "driftless_condition", "driftless_applied_revision_info", "driftless_service_info",
                "driftless_backup_last_success_timestamp_seconds", "driftless_backup_size_bytes", "driftless_backups_total",
                "driftless_drill_duration_seconds", "driftless_drill_last_success_timestamp_seconds", "driftless_suspended"),
                m.types().keySet(),
                metrics.scrape());
        assertEquals(Optional.of(1.0), m.value("driftless_health_probes_total", Map.of("service", "web", "result", "healthy")));
    }
}
