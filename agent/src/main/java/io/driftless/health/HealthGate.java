package io.driftless.health;

import io.driftless.desired.Durations;
import io.driftless.desired.Service;
import io.driftless.events.Reason;
import io.driftless.time.Sleeper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Probes a container until it has answered 2xx {@code successes} times in a row, or its deadline passes, or
 * the container exits (no point waiting out the deadline of a dead process).
 */
public final class HealthGate {
    private final HealthProbe probe;
    private final Clock clock;
    private final Sleeper sleeper;

    public HealthGate(HealthProbe probe, Clock clock, Sleeper sleeper) {
        this.probe = probe;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param exited tells, before each probe, whether the container has exited, and why (its last log
     *               lines); empty while it runs
     */
    public GateResult await(URI uri, Service.Health health, Supplier<Optional<String>> exited) throws InterruptedException {
        return await(uri, health, exited, r -> {
        });
    }

    /** As above; {@code onProbe} hears each probe's answer (the executor makes it an event). */
    public GateResult await(URI uri, Service.Health health, Supplier<Optional<String>> exited, Consumer<ProbeResult> onProbe)
            throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(health.deadline());
        int inARow = 0;
        int probes = 0;
        ProbeResult last = null;
        while (true) {
            Optional<String> exit = exited.get();
            if (exit.isPresent()) {
                return new GateResult.Failed(Reason.CONTAINER_EXITED, "the container exited before it became healthy: " + exit.get());
            }
            last = probe.probe(uri, health.timeout());
            probes++;
            onProbe.accept(last);
            inARow = last.healthy() ? inARow + 1 : 0;
            if (inARow >= health.successes()) {
                return new GateResult.Passed(probes, Duration.between(start, clock.instant()));
            }
            if (!clock.instant().plus(health.interval()).isBefore(deadline)) {
                return new GateResult.Failed(Reason.HEALTH_GATE_FAILED, "GET " + uri.getPath() + " did not answer 2xx "
                        + health.successes() + " times in a row within " + Durations.format(health.deadline())
                        + " (" + probes + " probes; last answer: " + last.describe() + ")");
            }
            sleeper.sleep(health.interval());
        }
    }
}
