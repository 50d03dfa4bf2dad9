package io.driftless.plan;

import io.driftless.desired.Manifest;
import io.driftless.desired.Service;
import io.driftless.live.LiveContainer;
import io.driftless.live.LiveState;
import io.driftless.live.Slot;
import io.driftless.rollout.Outcome;
import io.driftless.events.EventSink;
import io.driftless.testing.CutShort;
import io.driftless.testing.FakeHost;
import io.driftless.testing.Services;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.driftless.testing.Manifests.of;
import static io.driftless.testing.Manifests.web;
import static io.driftless.testing.Manifests.webNamed;
import static io.driftless.testing.Manifests.withEnv;
import static io.driftless.testing.Manifests.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {
    static final String C1 = "1111111111111111111111111111111111111111";
    static final String C2 = "2222222222222222222222222222222222222222";
    final FakeHost host = new FakeHost().withImages("acme/web:1", "acme/web:2", "acme/api:1", "acme/worker:1", "acme/worker:2");

    @Test
    void firstDeployStartsBlueGatesItAndRoutesToIt() {
        Plan plan = Planner.plan(of(web("acme/web:1")), C1, LiveState.empty());

        assertEquals(List.of(
                Step.CreateCandidate.class, Step.AwaitHealthy.class, Step.SwitchRoutes.class), kinds(plan));
        Step.CreateCandidate create = (Step.CreateCandidate) plan.steps().get(0);
        assertEquals(Slot.BLUE, create.slot());
        assertEquals(Map.of("web", Slot.BLUE), ((Step.SwitchRoutes) plan.steps().get(2)).targets());
        assertEquals(List.of(new Change("web", "added", null, "acme/web:1")), plan.changes());
    }

    @Test
    void noChangeGivesAnEmptyPlan() {
        Manifest m = of(web("acme/web:1"));
        converge(m, C1);

        assertTrue(Planner.plan(m, C1, host.state()).isEmpty());
        assertTrue(Planner.plan(m, C2, host.state()).isEmpty(), "a new commit that changes nothing needs nothing");
    }

    @Test
    void imageChangeStartsGreenSwitchesThenDrainsAndRetiresBlue() {
        converge(of(web("acme/web:1")), C1);
        String blue = host.in("web", Slot.BLUE).orElseThrow().id();

        Plan plan = Planner.plan(of(web("acme/web:2")), C2, host.state());

        assertEquals(List.of(Step.CreateCandidate.class, Step.AwaitHealthy.class, Step.SwitchRoutes.class,
                Step.Monitor.class, Step.Drain.class, Step.Retire.class), kinds(plan));
        assertEquals(Slot.GREEN, ((Step.CreateCandidate) plan.steps().get(0)).slot());
        assertEquals(new Step.Retire("web", Slot.BLUE, blue), plan.steps().get(5));
        assertEquals(Duration.ofSeconds(10), ((Step.Drain) plan.steps().get(4)).duration());
        assertEquals(List.of(new Change("web", "image", "acme/web:1", "acme/web:2")), plan.changes());
    }

    @Test
    void envChangeIsARolloutToo() {
        converge(of(web("acme/web:1")), C1);

        Plan plan = Planner.plan(of(withEnv(web("acme/web:1"), Map.of("LOG", "debug"))), C2, host.state());

        assertEquals(Slot.GREEN, ((Step.CreateCandidate) plan.steps().get(0)).slot());
        assertTrue(plan.changes().get(0).what().startsWith("configuration"));
    }

    @Test
    void addedServiceIsStartedAndTheOthersAreLeftAlone() {
        converge(of(web("acme/web:1")), C1);

        Plan plan = Planner.plan(of(web("acme/web:1"), webNamed("api", "acme/api:1", "/api/*")), C2, host.state());

        assertEquals(List.of(Step.CreateCandidate.class, Step.AwaitHealthy.class, Step.SwitchRoutes.class), kinds(plan));
        assertEquals("api", plan.steps().get(0).service());
        assertEquals(Map.of("web", Slot.BLUE, "api", Slot.BLUE), ((Step.SwitchRoutes) plan.steps().get(2)).targets());
    }

    @Test
    void removedServiceIsUnroutedThenRetired() {
        converge(of(web("acme/web:1"), webNamed("api", "acme/api:1", "/api/*")), C1);

        Plan plan = Planner.plan(of(web("acme/web:1")), C2, host.state());

        assertEquals(List.of(Step.SwitchRoutes.class, Step.Drain.class, Step.Retire.class), kinds(plan));
        assertEquals(Map.of("web", Slot.BLUE), ((Step.SwitchRoutes) plan.steps().get(0)).targets());
        assertEquals("api", plan.steps().get(2).service());
        assertEquals("removed from the manifest", plan.changes().get(0).what());
    }

    @Test
    void removingEveryServiceIsRefusedUnlessTheManifestSaysSo() {
        converge(of(web("acme/web:1")), C1);
        Manifest empty = of();
        Manifest meant = new Manifest(1, empty.proxy(), Map.of(), Map.of(), true);

        assertTrue(Planner.refusal(empty, host.state()).orElseThrow().contains("allowRemoveAll: true"));
        assertEquals(Optional.empty(), Planner.refusal(meant, host.state()));
        assertEquals(Optional.empty(), Planner.refusal(empty, LiveState.empty()), "an empty host has nothing to lose");
    }

    @Test
    void renamingEveryServiceIsRefusedLikeRemovingThemAll() {
        converge(of(web("acme/web:1")), C1);

        Optional<String> refusal = Planner.refusal(of(webNamed("frontend", "acme/web:1", "/*")), host.state());

        assertTrue(refusal.orElseThrow().contains("removes every running service (web)"), refusal.toString());
        assertEquals(Optional.empty(), Planner.refusal(of(web("acme/web:1"), webNamed("frontend", "acme/web:1", "/f/*")), host.state()));
    }

    @Test
    void containerStoppedByHandIsStartedAndGatedAgain() {
        converge(of(web("acme/web:1")), C1);
        LiveContainer blue = host.in("web", Slot.BLUE).orElseThrow();
        host.stopByHand(blue.id());

        Plan plan = Planner.plan(of(web("acme/web:1")), C1, host.state());

        assertEquals(List.of(Step.StartContainer.class, Step.AwaitHealthy.class, Step.SwitchRoutes.class), kinds(plan));
        assertEquals(blue.id(), ((Step.StartContainer) plan.steps().get(0)).containerId());
    }

    @Test
    void containerDeletedByHandIsStartedAgain() {
        converge(of(web("acme/web:1")), C1);
        host.removeByHand(host.in("web", Slot.BLUE).orElseThrow().id());

        Plan plan = Planner.plan(of(web("acme/web:1")), C1, host.state());

        assertEquals(List.of(Step.CreateCandidate.class, Step.AwaitHealthy.class, Step.SwitchRoutes.class), kinds(plan));
    }

    @Test
    void containerWhoseImageWasSwappedByHandIsReplaced() {
        Service web1 = web("acme/web:1");
        converge(of(web1), C1);
        LiveContainer blue = host.in("web", Slot.BLUE).orElseThrow();
        // Someone recreated it with our labels but another image.
        host.removeByHand(blue.id());
        Service edited = Services.from(web1).image("acme/web:2").build();
        LiveContainer forged = host.place(edited, Slot.BLUE, C1, true);
        LiveState state = host.state();
        LiveState relabelled = new LiveState(List.of(new LiveContainer(forged.id(), forged.name(), "web", Slot.BLUE,
                web1.specHash(), C1, "acme/web:2", true, forged.address(), forged.created())), state.routes());

        Plan plan = Planner.plan(of(web1), C1, relabelled);

        assertEquals(List.of(Step.CreateCandidate.class, Step.AwaitHealthy.class, Step.SwitchRoutes.class),
                kinds(plan).subList(0, 3));
        assertTrue(plan.steps().contains(new Step.Retire("web", Slot.BLUE, forged.id())), "the forged one retires after the switch");
        assertEquals(Slot.GREEN, ((Step.CreateCandidate) plan.steps().get(0)).slot());
    }

    @Test
    void halfFinishedRolloutResumesWithTheCandidateAlreadyUp() {
        converge(of(web("acme/web:1")), C1);
        // The agent died after starting green for C2, before the switch: both slots run.
        LiveContainer green = host.place(web("acme/web:2"), Slot.GREEN, C2, true);
        String blue = host.in("web", Slot.BLUE).orElseThrow().id();

        Plan plan = Planner.plan(of(web("acme/web:2")), C2, host.state());

        assertEquals(List.of(Step.AwaitHealthy.class, Step.SwitchRoutes.class, Step.Monitor.class, Step.Drain.class,
                Step.Retire.class), kinds(plan), "the candidate is re-gated, not started twice");
        assertEquals(Slot.GREEN, ((Step.AwaitHealthy) plan.steps().get(0)).slot());
        assertEquals(new Step.Retire("web", Slot.BLUE, blue), plan.steps().get(4));
        assertFalse(plan.steps().stream().anyMatch(s -> s instanceof Step.RemoveContainer r && r.containerId().equals(green.id())));
    }

    @Test
    void rolloutCutShortAfterTheSwitchIsMonitoredAgainBeforeTheOldVersionGoes() {
        converge(of(web("acme/web:1")), C1);
        String blue = host.in("web", Slot.BLUE).orElseThrow().id();
        CutShort.after(Step.SwitchRoutes.class, host, of(web("acme/web:2")), C2); // the agent was killed right after the switch

        Plan plan = Planner.plan(of(web("acme/web:2")), C2, host.state(), true);

        assertEquals(List.of(Step.Monitor.class, Step.Drain.class, Step.Retire.class), kinds(plan),
                "green took traffic for C2 but was never watched: watch it before blue, its way back, goes");
        assertEquals(Map.of("web", Slot.GREEN), ((Step.Monitor) plan.steps().get(0)).watched());
        assertEquals(new Step.Retire("web", Slot.BLUE, blue), plan.steps().get(2));
        assertEquals(List.of(Step.Drain.class, Step.Retire.class), kinds(Planner.plan(of(web("acme/web:2")), C2, host.state())),
                "once C2 is applied (its retire failed, say), an old container still running is only tidied away");
    }

    @Test
    void leftoverCandidateOfAnAbandonedCommitIsRemovedBeforeTheNewOneStarts() {
        converge(of(web("acme/web:1")), C1);
        LiveContainer stale = host.place(web("acme/web:2"), Slot.GREEN, C2, true);

        // Even for a commit not applied yet: a newer container in the other slot is a leftover, not a version that
        // blue replaced, so nothing is watched again.
        Plan plan = Planner.plan(of(web("acme/web:1")), C1, host.state(), true);

        assertEquals(List.of(Step.Drain.class, Step.Retire.class), kinds(plan));
        assertEquals(stale.id(), ((Step.Retire) plan.steps().get(1)).containerId());
    }

    @Test
    void lostProxyConfigIsRestoredWithoutTouchingContainers() {
        converge(of(web("acme/web:1")), C1);
        host.forgetRoutes();

        Plan plan = Planner.plan(of(web("acme/web:1")), C1, host.state());

        assertEquals(List.of(Step.AwaitHealthy.class, Step.SwitchRoutes.class), kinds(plan));
    }

    @Test
    void recreateStopsTheOldBeforeStartingTheNew() {
        converge(of(worker("acme/worker:1")), C1);
        String old = host.in("worker", Slot.BLUE).orElseThrow().id();

        Plan plan = Planner.plan(of(worker("acme/worker:2")), C2, host.state());

        assertEquals(List.of(Step.RemoveContainer.class, Step.CreateCandidate.class), kinds(plan));
        assertEquals(old, ((Step.RemoveContainer) plan.steps().get(0)).containerId());
    }

    @Test
    void blueGreenServiceWithoutRoutesIsInSyncOnceItRuns() {
        Service internal = withoutRoutes(web("acme/api:1"));
        converge(of(internal), C1);

        assertTrue(Planner.plan(of(internal), C1, host.state()).isEmpty(), "no route, nothing to re-gate on every pass");

        Plan update = Planner.plan(of(withoutRoutes(web("acme/web:2"))), C2, host.state());
        assertEquals(List.of(Step.CreateCandidate.class, Step.AwaitHealthy.class, Step.Drain.class, Step.Retire.class),
                kinds(update), "gated, then the old one drains and retires; no route to switch");
    }

    @Test
    void containerWhoseAddressChangedUnderItsRouteIsGatedBeforeTheRouteFollows() throws Exception {
        converge(of(web("acme/web:1")), C1);
        LiveContainer blue = host.in("web", Slot.BLUE).orElseThrow();
        // What a Docker daemon restart does: the container comes back (restart policy) with a new address.
        host.stopByHand(blue.id());
        host.start(blue.id());

        Plan plan = Planner.plan(of(web("acme/web:1")), C1, host.state());

        assertEquals(List.of(Step.AwaitHealthy.class, Step.SwitchRoutes.class), kinds(plan));
        assertTrue(plan.changes().get(0).what().contains("address changed"), plan.changes().toString());
    }

    @Test
    void planningAgainAfterApplyingIsEmpty() {
        List<Manifest> history = List.of(
                of(web("acme/web:1")),
                of(web("acme/web:2"), worker("acme/worker:1")),
                of(web("acme/web:2"), webNamed("api", "acme/api:1", "/api/*"), worker("acme/worker:2")),
                of(web("acme/web:2"), withoutRoutes(webNamed("api", "acme/api:1", "/api/*")), worker("acme/worker:2")),
                of(withEnv(web("acme/web:1"), Map.of("A", "b")), webNamed("api", "acme/api:1", "/v2/*")),
                of(web("acme/web:1")));
        int i = 0;
        for (Manifest m : history) {
            String rev = String.valueOf(++i).repeat(40);
            assertInstanceOf(Outcome.Converged.class, converge(m, rev));
            Plan again = Planner.plan(m, rev, host.state());
            assertTrue(again.isEmpty(), "after applying manifest " + i + " the plan should be empty, was " + again.steps());
        }
        // and after drift of every kind
        host.stopByHand(host.in("web", Slot.BLUE).map(LiveContainer::id).orElseGet(() -> host.in("web", Slot.GREEN).orElseThrow().id()));
        host.forgetRoutes();
        converge(history.get(4), "9".repeat(40));
        assertTrue(Planner.plan(history.get(4), "9".repeat(40), host.state()).isEmpty());
    }

    private Outcome converge(Manifest m, String revision) {
        try {
            return CutShort.healthyExecutor(host).execute(Planner.plan(m, revision, host.state()), m, host.state(), EventSink.NONE);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static Service withoutRoutes(Service s) {
        return Services.from(s).noRoutes().build();
    }

    private static List<Class<?>> kinds(Plan plan) {
        return plan.steps().stream().<Class<?>>map(Object::getClass).toList();
    }
}
