package io.driftless.rollout;

import io.driftless.desired.Manifest;
import io.driftless.desired.Service;
import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.health.HealthGate;
import io.driftless.health.HealthProbe;
import io.driftless.health.ProbeResult;
import io.driftless.live.LiveState;
import io.driftless.live.RouteTable;
import io.driftless.live.Slot;
import io.driftless.plan.Planner;
import io.driftless.plan.Step;
import io.driftless.testing.FakeClock;
import io.driftless.testing.FakeHost;
import io.driftless.time.Sleeper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.driftless.testing.Manifests.of;
import static io.driftless.testing.Manifests.webNamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Candidates of several services created and gated at once, bounded, with the same all-or-nothing outcome. */
class ParallelCandidatesTest {
    static final String C1 = "1".repeat(40);
    static final String C2 = "2".repeat(40);
    final FakeHost host = new FakeHost().withImages("acme/app:1", "acme/app:2", "acme/sick:2");
    final FakeClock clock = new FakeClock();
    /** The fake clock's wait, which stops when interrupted as a real one does. */
    final Sleeper sleeper = d -> {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        clock.sleep(d);
    };
    final List<AgentEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void gatesRunAtOnceUpToTheBoundAndNeverBeyond() throws Exception {
        int bound = 3;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // Each probe waits until `bound` probes are in flight together: fewer at once and the barrier times out.
        CyclicBarrier together = new CyclicBarrier(bound);
        HealthProbe probe = (uri, timeout) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                together.await(10, TimeUnit.SECONDS);
                return new ProbeResult.Healthy(200);
            } catch (Exception e) {
                throw new AssertionError("fewer than " + bound + " gates ran at once", e);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        Manifest m = services(9, "acme/app:1");

        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> apply(m, C1, probe, bound));

        assertInstanceOf(Outcome.Converged.class, outcome, outcome.toString());
        assertEquals(bound, most.get(), "as many gates at once as the bound, never more");
        for (int i = 0; i < 9; i++) {
            assertTrue(host.in("s" + i, Slot.BLUE).orElseThrow().running());
        }
        assertEquals(9, host.current().orElseThrow().bindings().size(), "every route, in one load");
        assertEquals(1, host.loads().size());
        assertEquals(1, host.calls().stream().filter(c -> c.equals("ensureImage acme/app:1")).count(), "the image is looked for once");
        assertEveryStepRecordedOnce();
    }

    @Test
    void oneFailingGateFailsTheCommitWithEveryRouteUnmovedAndEveryCandidateRemoved() throws Exception {
        assertInstanceOf(Outcome.Converged.class, apply(services(6, "acme/app:1"), C1, healthy(), 3));
        RouteTable routed = host.current().orElseThrow();
        events.clear();
        Manifest next = services(6, "acme/app:2", "s4", "acme/sick:2");
        // The sick gate starts failing once the five others passed (3 probes each), so only its own deadline runs out.
        AtomicInteger healthyProbes = new AtomicInteger();
        HealthProbe probe = (uri, timeout) -> {
            if (!sickAt(uri.getHost())) {
                healthyProbes.incrementAndGet();
                return new ProbeResult.Healthy(200);
            }
            awaitTrue(() -> healthyProbes.get() >= 15);
            return new ProbeResult.Unhealthy(500, "unhealthy");
        };

        Outcome outcome = apply(next, C2, probe, 3);

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals("HealthGateFailed", failed.reason().code());
        assertEquals("s4", failed.service());
        assertEquals(routed, host.current().orElseThrow(), "no route moved");
        assertEquals(1, host.loads().size(), "Caddy was never loaded for the failed commit");
        for (int i = 0; i < 6; i++) {
            assertTrue(host.in("s" + i, Slot.GREEN).isEmpty(), "candidate s" + i + " is removed");
            assertTrue(host.in("s" + i, Slot.BLUE).orElseThrow().running(), "s" + i + "'s old version still runs");
        }
        assertEveryStepRecordedOnce();
        assertTrue(finished().stream().anyMatch(f -> f.step() instanceof Step.AwaitHealthy && "s4".equals(f.service())
                && f.problem() != null && !f.problem().startsWith("cancelled")), "the failing gate is recorded with its reason");
    }

    @Test
    void theFirstFailureCancelsGatesStillWaitingAndServicesNotYetBegun() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch hanging = new CountDownLatch(1);
        // Every service but the sick one hangs in its first probe until it is interrupted; the sick one fails once s0 hangs.
        HealthProbe probe = (uri, timeout) -> {
            if (sickAt(uri.getHost())) {
                awaitTrue(() -> hanging.getCount() == 0);
                return new ProbeResult.Unhealthy(500, "unhealthy");
            }
            hanging.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ProbeResult.Unhealthy(0, "interrupted");
        };
        Manifest m = services(8, "acme/app:1", "s1", "acme/sick:2");

        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> apply(m, C1, probe, 2));

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals("s1", failed.service());
        assertTrue(host.state().containers().isEmpty(), "every candidate is removed: " + host.state().containers());
        assertTrue(host.loads().isEmpty(), "no route was ever loaded");
        assertEveryStepRecordedOnce();
        List<AgentEvent.StepFinished> cancelled = finished().stream()
                .filter(f -> f.problem() != null && f.problem().startsWith("cancelled: ")).toList();
        assertEquals(List.of("s0"), cancelled.stream().map(AgentEvent.StepFinished::service).toList(),
                "s0's gate was waiting when s1 failed: it is recorded as cancelled, naming the failure");
        assertTrue(cancelled.getFirst().problem().contains("s1"), cancelled.getFirst().problem());
        assertTrue(started().stream().noneMatch(s -> List.of("s2", "s3", "s4", "s5", "s6", "s7").contains(s.service())),
                "services queued behind the bound never began");
    }

    @Test
    void anErrorEscapingAStepFailsTheRolloutAndNothingIsSwitchedTo() throws Exception {
        HealthProbe probe = (uri, timeout) -> {
            if (sickAt(uri.getHost())) {
                throw new StackOverflowError("a bug in a probe");
            }
            return new ProbeResult.Healthy(200);
        };

        Outcome outcome = apply(services(4, "acme/app:1", "s2", "acme/sick:2"), C1, probe, 2);

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals("InternalError", failed.reason().code());
        assertEquals("s2", failed.service());
        assertTrue(host.loads().isEmpty(), "no route was loaded");
        assertTrue(host.state().containers().isEmpty(), "every candidate is removed: " + host.state().containers());
        assertEveryStepRecordedOnce(); // the step the error escaped ends too, failed
        assertTrue(finished().stream().anyMatch(f -> "s2".equals(f.service()) && f.step() instanceof Step.AwaitHealthy
                && f.problem() != null && f.problem().contains("StackOverflowError")), events.toString());
    }

    @Test
    void aFailureBeforeEveryServiceHasBegunStillFailsTheRolloutAndUndoesIt() throws Exception {
        // s0's image is missing, so its create fails at once, often while later services are still being handed
        // to the candidates' threads: those must simply never begin. Many rounds, as the race is one of timing.
        for (int round = 0; round < 30; round++) {
            FakeHost fresh = new FakeHost().withImages("acme/app:1");
            Manifest m = services(40, "acme/app:1", "s0", "acme/missing:1");
            LiveState before = fresh.state();
            List<AgentEvent> seen = Collections.synchronizedList(new ArrayList<>());
            Executor executor = new Executor(fresh, fresh, new HealthGate(healthy(), clock, sleeper), (w, d, mf) -> Optional.empty(),
                    clock, sleeper, Duration.ofSeconds(3), Snapshots.NONE, 4);

            Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> executor.execute(Planner.plan(m, C1, before), m, before, seen::add));

            Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome, "round " + round);
            assertEquals("s0", failed.service(), "round " + round + ": " + failed);
            assertTrue(fresh.loads().isEmpty(), "round " + round + ": no route was loaded");
            assertTrue(fresh.state().containers().isEmpty(), "round " + round + ": every candidate is removed");
        }
    }

    @Test
    void oneAtATimeKeepsThePlansOrder() throws Exception {
        Manifest m = services(4, "acme/app:1");

        assertInstanceOf(Outcome.Converged.class, apply(m, C1, healthy(), 1));

        List<String> order = started().stream().map(s -> s.step().getClass().getSimpleName() + " " + s.service()).toList();
        assertEquals(List.of("CreateCandidate s0", "CreateCandidate s1", "CreateCandidate s2", "CreateCandidate s3",
                "AwaitHealthy s0", "AwaitHealthy s1", "AwaitHealthy s2", "AwaitHealthy s3", "SwitchRoutes null"), order);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited 10 s in vain");
            }
            Thread.onSpinWait();
        }
    }

    private boolean sickAt(String address) {
        return host.list().stream().anyMatch(c -> address.equals(c.address()) && c.image().equals("acme/sick:2"));
    }

    private static HealthProbe healthy() {
        return (uri, timeout) -> new ProbeResult.Healthy(200);
    }

    /** {@code n} routed services s0..s(n-1) of {@code image}; {@code odd} runs {@code oddImage} instead. */
    private static Manifest services(int n, String image, String odd, String oddImage) {
        Service[] services = new Service[n];
        for (int i = 0; i < n; i++) {
            String name = "s" + i;
            services[i] = webNamed(name, name.equals(odd) ? oddImage : image, "/" + name + "/*");
        }
        return of(services);
    }

    private static Manifest services(int n, String image) {
        return services(n, image, null, null);
    }

    private Outcome apply(Manifest m, String revision, HealthProbe probe, int parallel) throws InterruptedException {
        LiveState before = host.state();
        Executor executor = new Executor(host, host, new HealthGate(probe, clock, sleeper), (w, d, mf) -> Optional.empty(),
                clock, sleeper, Duration.ofSeconds(3), Snapshots.NONE, parallel);
        EventSink sink = events::add;
        return executor.execute(Planner.plan(m, revision, before), m, before, sink);
    }

    private List<AgentEvent.StepStarted> started() {
        return events.stream().filter(e -> e instanceof AgentEvent.StepStarted).map(e -> (AgentEvent.StepStarted) e).toList();
    }

    private List<AgentEvent.StepFinished> finished() {
        return events.stream().filter(e -> e instanceof AgentEvent.StepFinished).map(e -> (AgentEvent.StepFinished) e).toList();
    }

    /** Each step that began ended once, with its own start time: the ledger gets one row per step. */
    private void assertEveryStepRecordedOnce() {
        List<Step> began = started().stream().map(AgentEvent.StepStarted::step).toList();
        List<Step> ended = finished().stream().map(AgentEvent.StepFinished::step).toList();
        assertEquals(began.size(), ended.size(), "every step that began has ended: " + events);
        assertTrue(ended.containsAll(began) && began.stream().distinct().count() == began.size(), events.toString());
        for (AgentEvent.StepFinished f : finished()) {
            AgentEvent.StepStarted s = started().stream().filter(x -> x.step().equals(f.step())).findFirst().orElseThrow();
            assertEquals(s.at(), f.started(), "the step's own start time");
        }
    }
}
