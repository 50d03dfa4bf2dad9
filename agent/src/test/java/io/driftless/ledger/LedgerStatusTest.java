package io.driftless.ledger;

import io.driftless.events.Reason;
import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerStatusTest extends LedgerContract {
    @Test
    void freshLedgerHasAnEmptyStatus() {
        try (Ledger ledger = open()) {
            assertEquals(new Status(null, null, List.of(), List.of(), List.of(), null), ledger.status());
        }
    }

    @Test
    void conditionKeepsItsTransitionTimeWhileItsStatusStaysTheSame() {
        try (Ledger ledger = open()) {
            ledger.setCondition(new Condition("Ready", "True", "Applied", "aaaaaaaaaaaa is serving", at(0)));
            ledger.setCondition(new Condition("Ready", "True", "Converged", "nothing to do", at(30)));

            assertEquals(List.of(new Condition("Ready", "True", "Converged", "nothing to do", at(0))),
                    ledger.status().conditions());
        }
    }

    @Test
    void conditionMovesItsTransitionTimeWhenItsStatusChanges() {
        try (Ledger ledger = open()) {
            ledger.setCondition(new Condition("Ready", "True", "Applied", "serving", at(0)));
            ledger.setCondition(new Condition("Ready", "False", "HealthGateFailed", "web unhealthy", at(30)));
            ledger.setCondition(new Condition("Ready", "False", "HealthGateFailed", "still unhealthy", at(60)));

            assertEquals(List.of(new Condition("Ready", "False", "HealthGateFailed", "still unhealthy", at(30))),
                    ledger.status().conditions());
        }
    }

    @Test
    void conditionsAreListedReadyReconcilingStalledThenOthersByName() {
        try (Ledger ledger = open()) {
            ledger.setCondition(new Condition("SourceUnavailable", "False", null, null, at(0)));
            ledger.setCondition(new Condition("Stalled", "False", null, null, at(0)));
            ledger.setCondition(new Condition("BackupOverdue", "False", null, null, at(0)));
            ledger.setCondition(new Condition("Reconciling", "True", "Progressing", "rolling out", at(0)));
            ledger.setCondition(new Condition("Ready", "Unknown", null, null, at(0)));

            assertEquals(List.of("Ready", "Reconciling", "Stalled", "BackupOverdue", "SourceUnavailable"),
                    ledger.status().conditions().stream().map(Condition::type).toList());
        }
    }

    @Test
    void conditionStatusMustBeTrueFalseOrUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Condition("Ready", "true", null, null, at(0)));
        assertEquals("condition Ready: status must be \"True\", \"False\" or \"Unknown\", not \"true\"", e.getMessage());
    }

    @Test
    void savingServicesReplacesTheWholeSet() {
        try (Ledger ledger = open()) {
            ledger.saveServices(List.of(
                    new ServiceStatus("worker", "acme/worker:1", sha('a'), null, "worker", "running"),
                    new ServiceStatus("web", "acme/web:1", sha('a'), "blue", "web-blue", "running")), at(0));
            ledger.saveServices(List.of(
                    new ServiceStatus("web", "acme/web:2", sha('b'), "green", "web-green", "running")), at(30));

            Status status = ledger.status();
            assertEquals(List.of(new ServiceStatus("web", "acme/web:2", sha('b'), "green", "web-green", "running")),
                    status.services());
            assertEquals(at(30), status.observedAt());
        }
    }

    @Test
    void servicesAreListedByName() {
        try (Ledger ledger = open()) {
            ledger.saveServices(List.of(
                    new ServiceStatus("worker", null, null, null, null, "missing"),
                    new ServiceStatus("web-2", null, null, null, null, "missing"),
                    new ServiceStatus("api", null, null, null, null, "missing"),
                    new ServiceStatus("web", null, null, null, null, "missing")), at(0));

            assertEquals(List.of("api", "web", "web-2", "worker"),
                    ledger.status().services().stream().map(ServiceStatus::name).toList());
        }
    }

    @Test
    void savingNoServicesStillRecordsWhenTheAgentLooked() {
        try (Ledger ledger = open()) {
            ledger.saveServices(List.of(new ServiceStatus("web", "acme/web:1", sha('a'), "blue", "web-blue", "running")),
                    at(0));
            ledger.saveServices(List.of(), at(30));

            assertEquals(List.of(), ledger.status().services());
            assertEquals(at(30), ledger.status().observedAt());
        }
    }

    @Test
    void aServiceListedTwiceIsRefusedAndTheOldSetKept() {
        try (Ledger ledger = open()) {
            ServiceStatus web = new ServiceStatus("web", "acme/web:1", sha('a'), "blue", "web-blue", "running");
            ledger.saveServices(List.of(web), at(0));

            assertThrows(IllegalArgumentException.class, () -> ledger.saveServices(List.of(
                    new ServiceStatus("api", null, null, null, null, "missing"), web, web), at(30)));

            assertEquals(List.of(web), ledger.status().services());
            assertEquals(at(0), ledger.status().observedAt());
        }
    }

    @Test
    void statusGathersRevisionsFailuresConditionsAndServices() {
        try (Ledger ledger = open()) {
            ledger.recordApplied(sha('a'), at(0));
            ledger.recordAttempt(sha('b'), at(10));
            ledger.recordFailed(sha('b'), Reason.HEALTH_GATE_FAILED, "web unhealthy", at(70));
            ledger.setCondition(new Condition("Ready", "False", "HealthGateFailed", "web unhealthy", at(70)));
            ServiceStatus web = new ServiceStatus("web", "acme/web:1", sha('a'), "blue", "web-blue", "running");
            ledger.saveServices(List.of(web), at(71));

            assertEquals(new Status(sha('b'), sha('a'),
                    List.of(new FailedRevision(sha('b'), "HealthGateFailed", "web unhealthy", at(70))),
                    List.of(new Condition("Ready", "False", "HealthGateFailed", "web unhealthy", at(70))),
                    List.of(web), at(71)), ledger.status());
        }
    }
}
