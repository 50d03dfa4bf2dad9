package io.driftless.rollout;

import io.driftless.events.Reason;

import io.driftless.health.HealthGate;
import io.driftless.health.ProbeResult;
import io.driftless.ledger.Condition;
import io.driftless.ledger.Ledger;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;
import io.driftless.desired.ManifestParser;
import io.driftless.plan.Step;
import io.driftless.testing.CutShort;
import io.driftless.testing.FakeClock;
import io.driftless.testing.FakeHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Last known-good semantics, on a fake host with the in-memory ledger and manifests parsed from YAML. */
class ReconcilerTest {
    static final String C1 = "1".repeat(40);
    static final String C2 = "2".repeat(40);
    static final String C3 = "3".repeat(40);

    final FakeHost host = new FakeHost().withImages("acme/web:1", "acme/web:2", "acme/web:3");
    final FakeClock clock = new FakeClock();
    final Map<String, String> commits = new HashMap<>();
    String tip;
    RepositoryException fetchFailure;
    SourceGate gate = SourceGate.OPEN;
    Admission admission = Admission.ALLOW_ALL;
    Ledger ledger;
    boolean sickEverywhere;
    Executor.Monitor monitor = (watched, window, manifest) -> Optional.empty();
    RepositoryException unreadable;

    final CommitSource source = new CommitSource() {
        public String fetchTip() throws RepositoryException {
            if (fetchFailure != null) {
                throw fetchFailure;
            }
            return tip;
        }

        public Optional<byte[]> manifestAt(String commit) throws RepositoryException {
            if (unreadable != null) {
                throw unreadable;
            }
            return Optional.ofNullable(commits.get(commit)).map(text -> text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public String manifestPath() {
            return "driftless.yaml";
        }
    };

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    static String manifest(String image) {
        return """
                version: 1
                proxy: {listen: ["127.0.0.1:8000"], tls: off}
                services:
                  web:
                    image: %s
                    port: 8080
                    health: {path: /healthz, deadline: 5s}
                    routes: [{path: "/*"}]
                """.formatted(image);
    }

    void push(String sha, String text) {
        commits.put(sha, text);
        tip = sha;
    }

    Reconciler reconciler() {
        if (ledger == null) {
            ledger = new io.driftless.ledger.memory.MemoryLedger();
        }
        HealthGate healthGate = new HealthGate((uri, timeout) -> sickEverywhere || host.list().stream()
                .anyMatch(c -> uri.getHost().equals(c.address()) && c.image().equals("acme/web:3"))
                ? new ProbeResult.Unhealthy(500, "unhealthy") : new ProbeResult.Healthy(200), clock, clock);
        Executor executor = new Executor(host, host, healthGate, (w, d, m) -> monitor.watch(w, d, m), clock, clock, Duration.ofSeconds(3));
        return new Reconciler(source, gate, admission, host, host, executor, ledger, clock);
    }

    String serving() throws ProxyException {
        return host.current().orElseThrow().bindingOf("web").map(b -> host.in("web", b.slot()).orElseThrow().image()).orElseThrow();
    }

    @Test
    void aPassThatChangesNothingAsksDockerOnceForWhatRuns() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());
        int lists = host.lists();
        int inspects = host.inspects();

        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());

        assertEquals(1, host.lists() - lists, "observe once; the status snapshot reuses it");
        assertEquals(0, host.inspects() - inspects);
    }

    @Test
    void aSuspendedHostAppliesNoNewCommitRepairsTheAppliedOneAndResumeAppliesTheTip() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());
        ledger.suspend(new io.driftless.ledger.Suspension(clock.instant(), "ops@vps1", "db migration"));
        push(C2, manifest("acme/web:2"));

        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());
        assertEquals("acme/web:1", serving(), "the new tip is not applied");
        assertEquals(Optional.of(C1), ledger.lastAttempted(), "nor attempted");
        assertEquals("Suspended", condition(Condition.READY).reason());
        assertEquals("Suspended", condition(Condition.RECONCILING).reason());

        host.removeByHand(host.in("web", Slot.BLUE).orElseThrow().id());
        host.calls().clear();
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());
        assertEquals("acme/web:1", serving(), "what runs is repaired as the applied commit says");
        assertTrue(host.calls().stream().noneMatch(c -> c.equals("ensureImage acme/web:2")), "the tip was not touched");
        assertEquals(Optional.of(C1), ledger.lastApplied());
        assertTrue(ledger.recentEvents(20).stream().anyMatch(e -> e.message().contains(
                "tip 222222222222 is not applied")), ledger.recentEvents(20).toString());

        ledger.resume();
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());
        assertEquals("acme/web:2", serving());
        assertEquals(Optional.of(C2), ledger.lastApplied());
        assertEquals("Converged", condition(Condition.READY).reason());
        assertEquals("Idle", condition(Condition.RECONCILING).reason());
    }

    @Test
    void failedTipIsNotRetriedAndDriftIsCorrectedTowardTheLastKnownGoodCommit() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());
        push(C2, manifest("acme/web:3"));

        assertEquals(Reconciler.PassResult.Kind.FAILED, r.pass(false).kind());
        assertEquals("HealthGateFailed", ledger.failure(C2).orElseThrow().reason());
        assertEquals(Optional.of(C1), ledger.lastApplied());

        host.removeByHand(host.in("web", Slot.BLUE).orElseThrow().id());
        host.calls().clear();
        assertEquals(Reconciler.PassResult.Kind.FAILED, r.pass(false).kind(), "the tip is still failed");
        assertEquals("acme/web:1", serving(), "drift correction restored the last known-good commit, not the failed tip");
        assertTrue(host.calls().stream().noneMatch(c -> c.equals("ensureImage acme/web:3")), "the failed commit was not tried again");
        assertEquals("True", condition(Condition.STALLED).status());
        assertEquals("False", condition(Condition.READY).status());

        push(C3, manifest("acme/web:2"));
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind(), "a new commit moves on");
        assertEquals("acme/web:2", serving());
        assertEquals("True", condition(Condition.READY).status());
        assertEquals("False", condition(Condition.STALLED).status());
    }

    @Test
    void aVersionThatFailsTheMonitorAfterTheAgentDiedPastTheSwitchIsSwitchedAwayFrom() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());
        String blue = host.in("web", Slot.BLUE).orElseThrow().id();
        push(C2, manifest("acme/web:2"));
        // The agent switched to green for C2 and was killed in the monitor window; green goes bad after the switch.
        CutShort.after(Step.SwitchRoutes.class, host, ManifestParser.parse("driftless.yaml", commits.get(C2)), C2);
        assertEquals("acme/web:2", serving());
        monitor = (watched, window, m) -> watched.get("web").map(LiveContainer::slot).equals(Optional.of(Slot.GREEN))
                ? Optional.of("service web: health check failed during the monitor window (HTTP 500)") : Optional.empty();

        Reconciler.PassResult result = reconciler().pass(false); // the restarted agent

        assertEquals(Reconciler.PassResult.Kind.FAILED, result.kind());
        assertEquals("MonitorFailed", ledger.failure(C2).orElseThrow().reason());
        assertEquals(Optional.of(C1), ledger.lastApplied());
        assertEquals("acme/web:1", serving(), "traffic went back to blue, which was still running");
        assertEquals(blue, host.in("web", Slot.BLUE).orElseThrow().id(), "the old version was never stopped");
        assertTrue(host.in("web", Slot.GREEN).isEmpty(), "the bad version is gone");
    }

    @Test
    void anOldContainerLeftRunningByAnAppliedCommitIsTidiedAwayWithoutBlamingOrWatchingAgain() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        r.pass(false);
        push(C2, manifest("acme/web:2"));
        // C2 switched and was recorded applied, but blue could not be retired (Docker hiccuped at the last step).
        CutShort.after(Step.Drain.class, host, ManifestParser.parse("driftless.yaml", commits.get(C2)), C2);
        ledger.recordApplied(C2, clock.instant());
        monitor = (watched, window, m) -> Optional.of("service web: health check failed during the monitor window");

        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind(), "no monitor is planned for an applied commit");
        assertTrue(host.in("web", Slot.BLUE).isEmpty(), "the old container was retired");
        assertEquals("acme/web:2", serving());
        assertTrue(ledger.failure(C2).isEmpty());
    }

    @Test
    void invalidManifestIsFailedWithItsPositionAndChangesNothing() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        r.pass(false);
        int loads = host.loads().size();
        push(C2, manifest("acme/web:2").replace("    port: 8080", "    port: eighty"));

        Reconciler.PassResult result = r.pass(false);

        assertEquals(Reconciler.PassResult.Kind.FAILED, result.kind());
        assertEquals("InvalidManifest", ledger.failure(C2).orElseThrow().reason());
        assertTrue(ledger.failure(C2).orElseThrow().message().startsWith("driftless.yaml:6:11: "), ledger.failure(C2).orElseThrow().message());
        assertEquals(loads, host.loads().size());
        assertEquals("acme/web:1", serving());
    }

    @Test
    void hostFaultDoesNotBlameTheCommitAndTheNextPassAppliesIt() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        r.pass(false);
        push(C2, manifest("acme/web:2"));
        host.proxyDown(true);

        assertEquals(Reconciler.PassResult.Kind.ERROR, r.pass(false).kind());
        assertEquals(Optional.empty(), ledger.failure(C2));
        assertTrue(host.in("web", Slot.GREEN).isEmpty(), "no candidate left behind");

        host.proxyDown(false);
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());
        assertEquals("acme/web:2", serving());
    }

    @Test
    void refusedSourceAndPolicyViolationsAreFailuresWithTheirReason() throws Exception {
        Reconciler r;
        gate = (lastApplied, t) -> t.equals(C2)
                ? Optional.of(new SourceGate.Refusal(Reason.NON_FAST_FORWARD, C2, "does not descend from " + lastApplied))
                : Optional.empty();
        admission = m -> m.services().get("web").image().equals("acme/web:2") && tip.equals(C3)
                ? List.of("service web: refused by the host policy") : List.of();
        r = reconciler();
        push(C1, manifest("acme/web:1"));
        r.pass(false);

        push(C2, manifest("acme/web:2"));
        assertEquals(Reconciler.PassResult.Kind.FAILED, r.pass(false).kind());
        assertEquals("NonFastForward", ledger.failure(C2).orElseThrow().reason());
        assertTrue(ledger.failure(C2).orElseThrow().message().contains(C1));

        push(C3, manifest("acme/web:2"));
        assertEquals(Reconciler.PassResult.Kind.FAILED, r.pass(false).kind());
        assertEquals("PolicyViolation", ledger.failure(C3).orElseThrow().reason());
        assertEquals("acme/web:1", serving());
    }

    @Test
    void unreachableSourceRaisesSourceUnavailableAfterRepeatedFailuresAndClearsIt() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        r.pass(false);
        fetchFailure = RepositoryException.unreachable("cannot reach file:///gone.git");

        for (int i = 1; i <= StatusBoard.SOURCE_UNAVAILABLE_AFTER; i++) {
            assertEquals(Reconciler.PassResult.Kind.ERROR, r.pass(false).kind());
            boolean raised = ledger.status().conditions().stream()
                    .anyMatch(c -> c.type().equals("SourceUnavailable") && c.status().equals("True"));
            assertEquals(i == StatusBoard.SOURCE_UNAVAILABLE_AFTER, raised, "after " + i + " failed fetches");
        }
        assertEquals("acme/web:1", serving(), "the host keeps running the last known-good state");

        fetchFailure = null;
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind());
        assertEquals("False", condition("SourceUnavailable").status());
    }

    @Test
    void failingToRepairDriftDoesNotMarkTheAppliedCommitFailed() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        r.pass(false);
        host.removeByHand(host.in("web", Slot.BLUE).orElseThrow().id());
        sickEverywhere = true; // the database it needs is down: the restored container never gets healthy

        assertEquals(Reconciler.PassResult.Kind.FAILED, r.pass(false).kind());
        assertEquals(Optional.empty(), ledger.failure(C1), "the applied commit is not blamed");
        assertEquals(Optional.of(C1), ledger.lastApplied());
        assertEquals("False", condition(Condition.READY).status());

        sickEverywhere = false;
        assertEquals(Reconciler.PassResult.Kind.CONVERGED, r.pass(false).kind(), "the next pass tries again");
        assertEquals("acme/web:1", serving());
    }

    @Test
    void manifestTheAgentCannotReadIsTheCommitsFaultNotTheRepositorys() throws Exception {
        Reconciler r = reconciler();
        push(C1, manifest("acme/web:1"));
        r.pass(false);
        push(C2, manifest("acme/web:2"));
        unreadable = new RepositoryException("driftless.yaml at commit 2222222 is a symbolic link, not a file; commit the file itself at that path", null, false, true);

        assertEquals(Reconciler.PassResult.Kind.FAILED, r.pass(false).kind());
        assertEquals("InvalidManifest", ledger.failure(C2).orElseThrow().reason());
        assertTrue(ledger.failure(C2).orElseThrow().message().startsWith("driftless.yaml:1:1: "));
    }

    private Condition condition(String type) {
        return ledger.status().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }
}
