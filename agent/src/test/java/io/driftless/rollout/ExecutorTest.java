package io.driftless.rollout;

import io.driftless.events.EventSink;

import io.driftless.desired.Manifest;
import io.driftless.health.HealthGate;
import io.driftless.health.ProbeResult;
import io.driftless.live.LiveState;
import io.driftless.live.RouteTable;
import io.driftless.live.Slot;
import io.driftless.plan.Plan;
import io.driftless.plan.Planner;
import io.driftless.testing.FakeClock;
import io.driftless.testing.FakeHost;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.driftless.testing.Manifests.of;
import static io.driftless.testing.Manifests.web;
import static io.driftless.testing.Manifests.webNamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutorTest {
    static final String C1 = "1".repeat(40);
    static final String C2 = "2".repeat(40);
    final FakeHost host = new FakeHost().withImages("acme/web:1", "acme/web:2", "acme/api:1", "acme/api:2");
    final FakeClock clock = new FakeClock();
    /** Addresses whose health endpoint fails. */
    final Set<String> sick = ConcurrentHashMap.newKeySet();
    Executor.Monitor monitor = (watched, window, manifest) -> Optional.empty();

    @Test
    void failedHealthGateLeavesTrafficOnOldVersionAndRemovesTheCandidate() throws Exception {
        apply(of(web("acme/web:1")), C1);
        RouteTable routed = host.current().orElseThrow();
        sickImage("acme/web:2");

        Outcome outcome = apply(of(web("acme/web:2")), C2);

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals("HealthGateFailed", failed.reason().code());
        assertEquals("web", failed.service());
        assertEquals(routed, host.current().orElseThrow(), "no route moved");
        assertEquals(1, host.loads().size(), "the proxy was never loaded for the failed commit");
        assertTrue(host.in("web", Slot.GREEN).isEmpty(), "the candidate is gone");
        assertTrue(host.in("web", Slot.BLUE).orElseThrow().running());
    }

    @Test
    void oneFailingServiceKeepsEveryServiceOnItsOldVersion() throws Exception {
        apply(of(web("acme/web:1"), webNamed("api", "acme/api:1", "/api/*")), C1);
        RouteTable routed = host.current().orElseThrow();
        sickImage("acme/api:2");

        Outcome outcome = apply(of(web("acme/web:2"), webNamed("api", "acme/api:2", "/api/*")), C2);

        assertEquals("api", assertInstanceOf(Outcome.Failed.class, outcome).service());
        assertEquals(routed, host.current().orElseThrow());
        assertTrue(host.in("web", Slot.GREEN).isEmpty(), "the healthy candidate of the other service is removed too");
        assertTrue(host.in("api", Slot.GREEN).isEmpty());
    }

    @Test
    void imageThatCannotBePulledFailsBeforeAnythingStarts() throws Exception {
        apply(of(web("acme/web:1")), C1);

        Outcome outcome = apply(of(web("acme/web:404")), C2);

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals("ImageUnavailable", failed.reason().code());
        assertTrue(failed.message().contains("acme/web:404"));
        assertTrue(host.in("web", Slot.GREEN).isEmpty());
    }

    @Test
    void containerThatExitsAtOnceFailsWithItsLastWords() throws Exception {
        apply(of(web("acme/web:1")), C1);
        host.crashing("acme/web:crash");

        Outcome outcome = apply(of(web("acme/web:crash")), C2);

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals("ContainerExited", failed.reason().code());
        assertTrue(failed.message().contains("fatal: config missing"), failed.message());
        assertTrue(host.in("web", Slot.GREEN).isEmpty());
    }

    @Test
    void failedMonitorWindowSwitchesBackToTheOldContainers() throws Exception {
        apply(of(web("acme/web:1")), C1);
        RouteTable routed = host.current().orElseThrow();
        monitor = (watched, window, manifest) -> Optional.of("service web: health check failed during the monitor window");

        Outcome outcome = apply(of(web("acme/web:2")), C2);

        assertEquals("MonitorFailed", assertInstanceOf(Outcome.Failed.class, outcome).reason().code());
        assertEquals(routed, host.current().orElseThrow(), "routes went back");
        assertEquals(3, host.loads().size(), "v1, the switch to v2, the switch back");
        assertTrue(host.in("web", Slot.GREEN).isEmpty());
        assertTrue(host.in("web", Slot.BLUE).orElseThrow().running());
    }

    @Test
    void oldContainerIsRetiredOnlyAfterTheSwitchAndTheDrain() throws Exception {
        apply(of(web("acme/web:1")), C1);
        String blue = host.in("web", Slot.BLUE).orElseThrow().id();
        host.calls().clear();

        assertInstanceOf(Outcome.Converged.class, apply(of(web("acme/web:2")), C2));

        int load = host.calls().indexOf("load routes");
        int remove = host.calls().indexOf("remove " + blue);
        assertTrue(load >= 0 && remove > load, host.calls().toString());
        assertEquals(Slot.GREEN, host.current().orElseThrow().bindingOf("web").orElseThrow().slot());
    }

    @Test
    void drainIsNeverShorterThanTheProxysShutdownDelay() throws Exception {
        apply(of(web("acme/web:1")), C1);
        var before = clock.instant();
        var quick = web("acme/web:2");
        quick = new io.driftless.desired.Service("web", "acme/web:2", 8080, Map.of(), null, java.util.List.of(), quick.health(),
                new io.driftless.desired.Service.Rollout(io.driftless.desired.Service.Strategy.BLUE_GREEN, Duration.ZERO, Duration.ZERO),
                quick.routes());

        apply(of(quick), C2);

        assertTrue(Duration.between(before, clock.instant()).compareTo(Duration.ofSeconds(3)) >= 0);
    }

    @Test
    void unreachableProxyAtTheSwitchRemovesTheCandidates() throws Exception {
        apply(of(web("acme/web:1")), C1);
        Manifest next = of(web("acme/web:2"));
        Plan plan = Planner.plan(next, C2, host.state());
        LiveState before = host.state();
        host.proxyDown(true);

        Outcome outcome = executor().execute(plan, next, before, EventSink.NONE);

        assertEquals("ProxyUnavailable", assertInstanceOf(Outcome.Failed.class, outcome).reason().code());
        assertTrue(host.in("web", Slot.GREEN).isEmpty());
        assertTrue(host.in("web", Slot.BLUE).orElseThrow().running());
    }

    @Test
    void aLoadWhoseAnswerWasLostButTookEffectIsASwitch() throws Exception {
        apply(of(web("acme/web:1")), C1);
        host.loseNextLoadAnswer(false);

        Outcome outcome = apply(of(web("acme/web:2")), C2);

        assertInstanceOf(Outcome.Converged.class, outcome, outcome.toString());
        assertEquals(Slot.GREEN, host.current().orElseThrow().bindingOf("web").orElseThrow().slot());
        assertTrue(host.in("web", Slot.BLUE).isEmpty(), "the old one retired after the drain");
    }

    @Test
    void aLoadWithAnUnknownOutcomeKeepsTheCandidatesCaddyMayRouteTo() throws Exception {
        apply(of(web("acme/web:1")), C1);
        host.loseNextLoadAnswer(true);

        Outcome outcome = apply(of(web("acme/web:2")), C2);

        assertEquals("ProxyUnavailable", assertInstanceOf(Outcome.Failed.class, outcome).reason().code());
        assertTrue(host.in("web", Slot.GREEN).orElseThrow().running(), "Caddy may route to it: it stays");
        assertTrue(host.in("web", Slot.BLUE).orElseThrow().running(), "and so does the old one");
    }

    @Test
    void aConfigCaddyRefusesIsTheCommitsFault() throws Exception {
        apply(of(web("acme/web:1")), C1);
        Manifest next = of(web("acme/web:2"));
        Plan plan = Planner.plan(next, C2, host.state());
        LiveState before = host.state();
        RouteProxy refusing = new RouteProxy() {
            public Optional<RouteTable> current() throws ProxyException {
                return host.current();
            }

            public void apply(RouteTable table) throws ProxyException {
                throw new ProxyException("Caddy refused the config (HTTP 400): listen tcp :80: address already in use");
            }
        };
        HealthGate gate = new HealthGate((uri, timeout) -> new ProbeResult.Healthy(200), clock, clock);

        Outcome outcome = new Executor(host, refusing, gate, (w, d, m) -> Optional.empty(), clock, clock, Duration.ofSeconds(3))
                .execute(plan, next, before, EventSink.NONE);

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals("ProxyRejected", failed.reason().code());
        assertTrue(!failed.hostFault());
        assertTrue(host.in("web", Slot.GREEN).isEmpty(), "the outcome is known: nothing moved, the candidate goes");
    }

    @Test
    void theSwitchPointsAtWhereAnUntouchedServiceRunsNowNotWhereItRanWhenThePassBegan() throws Exception {
        apply(of(web("acme/web:1"), webNamed("api", "acme/api:1", "/api/*")), C1);
        String api = host.in("api", Slot.BLUE).orElseThrow().id();
        // While web's candidate is gated, Docker restarts api (a crash, a daemon restart): it comes back elsewhere.
        duringGate = () -> {
            host.stopByHand(api);
            host.start(api);
        };

        Outcome outcome = apply(of(web("acme/web:2"), webNamed("api", "acme/api:1", "/api/*")), C2);

        assertInstanceOf(Outcome.Converged.class, outcome);
        String apiNow = host.in("api", Slot.BLUE).orElseThrow().address();
        assertTrue(host.current().orElseThrow().bindingOf("api").orElseThrow().upstream().startsWith(apiNow + ":"),
                "api's route follows it to " + apiNow + ": " + host.current().orElseThrow());
    }

    /** Runs once, at the first health probe of the next apply. */
    FakeHost.Action duringGate;

    private void sickImage(String image) {
        // Every container of this image answers 500: the gate sees it through the address it gets.
        sickImages.add(image);
    }

    final Set<String> sickImages = ConcurrentHashMap.newKeySet();

    private Executor executor() {
        HealthGate gate = new HealthGate((uri, timeout) -> {
            if (duringGate != null) {
                FakeHost.Action once = duringGate;
                duringGate = null;
                try {
                    once.run();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            String address = uri.getHost();
            boolean isSick = host.list().stream().anyMatch(c -> address.equals(c.address()) && sickImages.contains(c.image()));
            return isSick ? new ProbeResult.Unhealthy(500, "unhealthy") : new ProbeResult.Healthy(200);
        }, clock, clock);
        return new Executor(host, host, gate, (w, d, m) -> monitor.watch(w, d, m), clock, clock, Duration.ofSeconds(3));
    }

    private Outcome apply(Manifest m, String revision) throws Exception {
        LiveState before = host.state();
        return executor().execute(Planner.plan(m, revision, before), m, before, EventSink.NONE);
    }
}
