package io.driftless.health;

import io.driftless.events.Reason;

import io.driftless.desired.Service;
import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthGateTest {
    final FakeClock clock = new FakeClock();
    final URI uri = URI.create("http://10.0.0.2:8080/healthz");
    final Service.Health health = new Service.Health("/healthz", Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofSeconds(10));

    @Test
    void passesAfterTheRequiredSuccessesInARow() throws Exception {
        var answers = script(new ProbeResult.Unreachable("connection refused"), ok(), ok(), new ProbeResult.Unhealthy(503, "starting"), ok(), ok(), ok());

        GateResult result = new HealthGate((u, t) -> answers.pop(), clock, clock).await(uri, health, Optional::empty);

        assertEquals(new GateResult.Passed(7, Duration.ofSeconds(6)), result);
    }

    @Test
    void failsAtTheDeadlineWithTheLastAnswerInTheReason() throws Exception {
        GateResult result = new HealthGate((u, t) -> new ProbeResult.Unhealthy(500, "unhealthy\n"), clock, clock)
                .await(uri, health, Optional::empty);

        GateResult.Failed failed = assertInstanceOf(GateResult.Failed.class, result);
        assertEquals(Reason.HEALTH_GATE_FAILED, failed.reason());
        assertTrue(failed.message().contains("GET /healthz did not answer 2xx 3 times in a row within 10s"), failed.message());
        assertTrue(failed.message().contains("last answer: HTTP 500 \"unhealthy\""), failed.message());
        assertTrue(clock.instant().isBefore(new FakeClock().instant().plusSeconds(11)), "gave up at the deadline, not later");
    }

    @Test
    void stopsAtOnceWhenTheContainerExits() throws Exception {
        GateResult result = new HealthGate((u, t) -> new ProbeResult.Unreachable("connection refused"), clock, clock)
                .await(uri, health, () -> Optional.of("its last output: fatal: config missing"));

        GateResult.Failed failed = assertInstanceOf(GateResult.Failed.class, result);
        assertEquals(Reason.CONTAINER_EXITED, failed.reason());
        assertTrue(failed.message().contains("fatal: config missing"));
        assertEquals(new FakeClock().instant(), clock.instant(), "no waiting for a dead container");
    }

    private static ProbeResult ok() {
        return new ProbeResult.Healthy(200);
    }

    private static ArrayDeque<ProbeResult> script(ProbeResult... results) {
        return new ArrayDeque<>(List.of(results));
    }
}
