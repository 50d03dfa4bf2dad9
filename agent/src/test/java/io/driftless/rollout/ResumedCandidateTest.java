package io.driftless.rollout;

import io.driftless.desired.Manifest;
import io.driftless.health.HealthGate;
import io.driftless.health.ProbeResult;
import io.driftless.live.LiveContainer;
import io.driftless.live.LiveState;
import io.driftless.live.Slot;
import io.driftless.plan.Planner;
import io.driftless.events.EventSink;
import io.driftless.testing.FakeClock;
import io.driftless.testing.FakeHost;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.driftless.testing.Manifests.of;
import static io.driftless.testing.Manifests.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A candidate can be stopped under its gate by something other than its image: a pass cut short during its
 * clean-up leaves a candidate that Docker is still stopping (the daemon finishes a stop whose client died),
 * and a Docker daemon that restarts stops every container. Neither says anything about the commit, so a
 * candidate that exits under the gate is started once more; only a second exit is the commit's fault. Found by
 * {@link io.driftless.faults.AgentCrashTest#killedWhileAFailedRolloutCleansUp} and {@link io.driftless.faults.DockerRestartTest}.
 */
class ResumedCandidateTest {
    static final String C1 = "1".repeat(40);
    static final String C2 = "2".repeat(40);
    final FakeHost host = new FakeHost().withImages("acme/web:1", "acme/web:2");
    final FakeClock clock = new FakeClock();

    @Test
    void aResumedCandidateThatExitsUnderTheGateIsStartedOnceMoreNotBlamed() throws Exception {
        apply(of(web("acme/web:1")), C1, probe(0));
        LiveContainer green = host.place(web("acme/web:2"), Slot.GREEN, C2, true);

        Outcome outcome = apply(of(web("acme/web:2")), C2, probe(1));

        assertInstanceOf(Outcome.Converged.class, outcome, outcome.toString());
        assertTrue(host.calls().contains("start " + green.id()), host.calls().toString());
        assertTrue(host.in("web", Slot.GREEN).orElseThrow().running());
    }

    @Test
    void aResumedCandidateFoundStoppedWhenItsGateBeginsIsStartedOnceMoreNotBlamed() throws Exception {
        // The dead agent's clean-up of this candidate, finished by Docker after the new pass observed the host.
        apply(of(web("acme/web:1")), C1, probe(0));
        LiveContainer green = host.place(web("acme/web:2"), Slot.GREEN, C2, true);
        LiveState observed = host.state();
        host.stopByHand(green.id());

        Manifest m = of(web("acme/web:2"));
        Outcome outcome = executor(probe(0)).execute(Planner.plan(m, C2, observed), m, observed, EventSink.NONE);

        assertInstanceOf(Outcome.Converged.class, outcome, outcome.toString());
        assertEquals(1, host.calls().stream().filter(c -> c.equals("start " + green.id())).count(), host.calls().toString());
    }

    @Test
    void aResumedCandidateThatExitsAgainIsTheCommitsFault() throws Exception {
        apply(of(web("acme/web:1")), C1, probe(0));
        host.place(web("acme/web:2"), Slot.GREEN, C2, true);

        Outcome outcome = apply(of(web("acme/web:2")), C2, probe(2));

        assertEquals("ContainerExited", assertInstanceOf(Outcome.Failed.class, outcome).reason().code());
        assertTrue(host.in("web", Slot.GREEN).isEmpty(), "the candidate it started again is removed");
        assertTrue(host.in("web", Slot.BLUE).orElseThrow().running());
    }

    @Test
    void aCandidateThisPassCreatedThatIsStoppedUnderTheGateIsStartedOnceMore() throws Exception {
        // What a Docker daemon restart does to it: the daemon stops its containers on the way down.
        apply(of(web("acme/web:1")), C1, probe(0));

        Outcome outcome = apply(of(web("acme/web:2")), C2, probe(1));

        assertInstanceOf(Outcome.Converged.class, outcome, outcome.toString());
        assertEquals(1, host.calls().stream().filter(c -> c.startsWith("start ")).count(), host.calls().toString());
    }

    @Test
    void aCandidateThisPassCreatedThatExitsTwiceIsTheCommitsFault() throws Exception {
        apply(of(web("acme/web:1")), C1, probe(0));

        Outcome outcome = apply(of(web("acme/web:2")), C2, probe(2));

        assertEquals("ContainerExited", assertInstanceOf(Outcome.Failed.class, outcome).reason().code());
        assertEquals(1, host.calls().stream().filter(c -> c.startsWith("start ")).count(), "one second chance, no more");
        assertTrue(host.in("web", Slot.GREEN).isEmpty());
    }

    /** Healthy answers, except that the first {@code exits} probes of a web:2 container find it exited. */
    private io.driftless.health.HealthProbe probe(int exits) {
        AtomicInteger left = new AtomicInteger(exits);
        return (uri, timeout) -> {
            Optional<LiveContainer> target = host.list().stream()
                    .filter(c -> uri.getHost().equals(c.address()) && c.image().equals("acme/web:2")).findFirst();
            if (target.isPresent() && left.getAndDecrement() > 0) {
                host.stopByHand(target.get().id());
                return new ProbeResult.Unreachable("connection refused");
            }
            return new ProbeResult.Healthy(200);
        };
    }

    private Outcome apply(Manifest m, String revision, io.driftless.health.HealthProbe probe) throws Exception {
        LiveState before = host.state();
        return executor(probe).execute(Planner.plan(m, revision, before), m, before, EventSink.NONE);
    }

    private Executor executor(io.driftless.health.HealthProbe probe) {
        return new Executor(host, host, new HealthGate(probe, clock, clock), (w, d, man) -> Optional.empty(),
                clock, clock, Duration.ofSeconds(3));
    }
}
