package io.driftless.rollout;

import io.driftless.desired.Backup;
import io.driftless.desired.Manifest;
import io.driftless.desired.Service;
import io.driftless.events.AgentEvent;
import io.driftless.events.Reason;
import io.driftless.health.HealthGate;
import io.driftless.health.ProbeResult;
import io.driftless.live.LiveState;
import io.driftless.live.Slot;
import io.driftless.plan.Plan;
import io.driftless.plan.Planner;
import io.driftless.plan.Step;
import io.driftless.testing.FakeClock;
import io.driftless.testing.FakeHost;
import io.driftless.testing.Services;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.driftless.testing.Manifests.web;
import static io.driftless.testing.Manifests.webNamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service's snapshot before its candidate starts, and its restore after a failure (DESIGN.md, "Backups: semantics"). */
class SnapshotRolloutTest {
    static final String C1 = "1".repeat(40);
    static final String C2 = "2".repeat(40);
    static final Backup MAIN_DB = new Backup("main-db", new Backup.Url("postgresql://app@127.0.0.1:5432/app", null),
            "0 3 * * *", "/var/backups/driftless", new Backup.Keep(3, 7, 4, 6), null, null);

    final FakeHost host = new FakeHost().withImages("acme/web:1", "acme/web:2", "acme/api:1", "acme/api:2");
    final FakeClock clock = new FakeClock();
    final Set<String> sickImages = ConcurrentHashMap.newKeySet();
    /** Everything the executor did, in order: the host's calls and the snapshot port's. */
    final List<String> journal = new ArrayList<>();
    final List<AgentEvent> events = new ArrayList<>();
    final RecordingSnapshots snapshots = new RecordingSnapshots();
    Executor.Monitor monitor = (watched, window, manifest) -> Optional.empty();

    @Test
    void theSnapshotIsTakenBeforeTheCandidateStartsAndItsLockHeldUntilTheRolloutEnds() throws Exception {
        apply(manifest(api("acme/api:1", false)), C1);
        journal.clear();
        events.clear();

        Outcome outcome = apply(manifest(api("acme/api:2", true)), C2);

        assertInstanceOf(Outcome.Converged.class, outcome);
        List<String> calls = calls();
        assertEquals("open " + C2, calls.get(0), calls.toString());
        assertEquals("take main-db for api", calls.get(1), calls.toString());
        assertTrue(calls.indexOf("run api green") > calls.indexOf("take main-db for api"), calls.toString());
        assertEquals("close", calls.getLast(), "the policy's lock is held until the rollout ended: " + calls);
        assertTrue(calls.indexOf("remove " + snapshots.oldBlue) < calls.indexOf("close"), calls.toString());
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("restore")), "a converged rollout restores nothing");
        List<Step> started = events.stream().filter(e -> e instanceof AgentEvent.StepStarted)
                .map(e -> ((AgentEvent.StepStarted) e).step()).toList();
        assertInstanceOf(Step.TakeSnapshot.class, started.getFirst(), "the plan's first step: " + started);
    }

    @Test
    void aFailedSnapshotFailsTheRolloutBeforeAnyCandidateIsCreated() throws Exception {
        apply(manifest(api("acme/api:1", false), web("acme/web:1")), C1);
        journal.clear();
        snapshots.refuse = "backup main-db: pg_dump exited 1: connection refused";

        Outcome outcome = apply(manifest(web("acme/web:2"), api("acme/api:2", true)), C2);

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals(Reason.SNAPSHOT_FAILED, failed.reason());
        assertEquals("api", failed.service());
        assertTrue(failed.message().contains("connection refused") && failed.message().contains("main-db"), failed.message());
        assertFalse(calls().stream().anyMatch(c -> c.startsWith("run ") || c.startsWith("ensureImage")),
                "no candidate of any service was created: " + calls());
        assertEquals("close", calls().getLast());
        assertFalse(calls().stream().anyMatch(c -> c.startsWith("restore")));
    }

    @Test
    void aFailedHealthGateAfterTheCandidateStartedAsksForTheRestoreOnceTheCandidateIsGone() throws Exception {
        apply(manifest(api("acme/api:1", false)), C1);
        journal.clear();
        sickImages.add("acme/api:2");

        Outcome outcome = apply(manifest(api("acme/api:2", true)), C2);

        assertEquals(Reason.HEALTH_GATE_FAILED, assertInstanceOf(Outcome.Failed.class, outcome).reason(),
                "the rollout keeps its own reason");
        List<String> calls = calls();
        int restore = calls.indexOf("restore main-db #1 for api");
        assertTrue(restore > calls.indexOf("run api green"), calls.toString());
        assertTrue(snapshots.candidateGoneAtRestore, "the candidate was removed before the restore: " + calls);
        assertEquals("close", calls.getLast(), "the lock is held until the restore finished: " + calls);
        assertTrue(host.in("api", Slot.BLUE).orElseThrow().running(), "the old version kept running");
    }

    @Test
    void aFailedMonitorWindowSwitchesTheRoutesBackBeforeTheRestore() throws Exception {
        apply(manifest(api("acme/api:1", false)), C1);
        var routed = host.current();
        journal.clear();
        monitor = (watched, window, manifest) -> Optional.of("service api: health check failed during the monitor window");

        Outcome outcome = apply(manifest(api("acme/api:2", true)), C2);

        assertEquals(Reason.MONITOR_FAILED, assertInstanceOf(Outcome.Failed.class, outcome).reason());
        List<String> calls = calls();
        int switchBack = calls.lastIndexOf("load routes");
        assertTrue(calls.indexOf("load routes") < switchBack, "switched, then switched back: " + calls);
        assertTrue(calls.indexOf("restore main-db #1 for api") > switchBack, calls.toString());
        assertEquals(routed, snapshots.routedAtRestore, "traffic was on the old version when the restore began");
        assertTrue(snapshots.candidateGoneAtRestore);
    }

    @Test
    void aFailureBeforeTheCandidateStartedRestoresNothing() throws Exception {
        apply(manifest(api("acme/api:1", false)), C1);
        journal.clear();

        Outcome outcome = apply(manifest(api("acme/api:404", true)), C2);

        assertEquals(Reason.IMAGE_UNAVAILABLE, assertInstanceOf(Outcome.Failed.class, outcome).reason());
        assertTrue(calls().contains("take main-db for api"));
        assertFalse(calls().stream().anyMatch(c -> c.startsWith("restore")), calls().toString());
        assertEquals("close", calls().getLast());
    }

    @Test
    void aServiceThatDidNotAskForTheRestoreOnlyGetsItsSnapshot() throws Exception {
        apply(manifest(api("acme/api:1", false)), C1);
        journal.clear();
        sickImages.add("acme/api:2");
        Service api = Services.from(api("acme/api:2", false)).snapshot(new Service.Snapshot("main-db", false)).build();

        assertInstanceOf(Outcome.Failed.class, apply(manifest(api), C2));

        assertTrue(calls().contains("take main-db for api"));
        assertFalse(calls().stream().anyMatch(c -> c.startsWith("restore")), calls().toString());
    }

    @Test
    void withoutABackupRunnerASnapshotFailsTheRolloutAndSaysWhy() throws Exception {
        apply(manifest(api("acme/api:1", false)), C1);
        Manifest m = manifest(api("acme/api:2", true));
        LiveState before = host.state();

        Outcome outcome = new Executor(host, host, gate(), monitor, clock, clock, Duration.ofSeconds(3))
                .execute(Planner.plan(m, C2, before), m, before, events::add);

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals(Reason.SNAPSHOT_FAILED, failed.reason());
        assertTrue(failed.message().contains("built without backups"), failed.message());
        assertTrue(host.in("api", Slot.GREEN).isEmpty());
    }

    @Test
    void theSnapshotIsAPlanStepBeforeEveryCandidateAndOnlyWhenACandidateStarts() {
        Manifest m = manifest(web("acme/web:2"), api("acme/api:2", true));
        Plan plan = Planner.plan(m, C2, host.state());
        assertInstanceOf(Step.TakeSnapshot.class, plan.steps().getFirst(), plan.steps().toString());
        assertEquals("snapshot backup main-db before the new candidate starts (restored if the rollout fails after it "
                + "started and the schema changed)", plan.steps().getFirst().describe());
        assertEquals(1, plan.steps().stream().filter(s -> s instanceof Step.TakeSnapshot).count());
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    static Service api(String image, boolean restoreOnFailure) {
        Service api = webNamed("api", image, "/api/*");
        return restoreOnFailure ? Services.from(api).snapshot(new Service.Snapshot("main-db", true)).build() : api;
    }

    static Manifest manifest(Service... services) {
        Map<String, Service> map = new LinkedHashMap<>();
        for (Service s : services) {
            map.put(s.name(), s);
        }
        return new Manifest(1, new Manifest.Proxy(List.of("127.0.0.1:8000"), Manifest.Tls.OFF), map,
                Map.of("main-db", MAIN_DB), false);
    }

    /** The host's calls and the snapshot port's, interleaved in the order they happened. */
    private List<String> calls() {
        return journal;
    }

    private HealthGate gate() {
        return new HealthGate((uri, timeout) -> {
            String address = uri.getHost();
            boolean sick = host.list().stream().anyMatch(c -> address.equals(c.address()) && sickImages.contains(c.image()));
            return sick ? new ProbeResult.Unhealthy(500, "unhealthy") : new ProbeResult.Healthy(200);
        }, clock, clock);
    }

    private Outcome apply(Manifest m, String revision) throws Exception {
        LiveState before = host.state();
        snapshots.oldBlue = host.in("api", Slot.BLUE).map(c -> c.id()).orElse(null);
        int seen = host.calls().size();
        // The host's calls are copied into the journal as the snapshot port is called, so the two interleave.
        snapshots.sync = () -> {
            for (int i = seenCalls; i < host.calls().size(); i++) {
                journal.add(host.calls().get(i));
            }
            seenCalls = host.calls().size();
        };
        seenCalls = seen;
        Executor executor = new Executor(host, host, gate(), (w, d, mf) -> monitor.watch(w, d, mf), clock, clock,
                Duration.ofSeconds(3), snapshots);
        Outcome outcome = executor.execute(Planner.plan(m, revision, before), m, before, events::add);
        snapshots.sync.run();
        return outcome;
    }

    int seenCalls;

    /** A {@link Snapshots} that writes what it is asked into the journal and refuses when told to. */
    final class RecordingSnapshots implements Snapshots {
        String refuse;
        String oldBlue;
        boolean candidateGoneAtRestore;
        Optional<io.driftless.live.RouteTable> routedAtRestore;
        Runnable sync = () -> { };
        long nextId = 1;

        @Override
        public Session open(String commit) {
            sync.run();
            journal.add("open " + commit);
            return new Session() {
                @Override
                public Taken take(Backup policy, String service, boolean restoreOnFailure) throws Failed {
                    sync.run();
                    journal.add("take " + policy.name() + " for " + service);
                    if (refuse != null) {
                        throw new Failed(refuse);
                    }
                    return new Taken(policy, service, nextId++, Instant.parse("2026-11-21T03:00:00Z"), restoreOnFailure,
                            restoreOnFailure ? Optional.of("fingerprint") : Optional.empty());
                }

                @Override
                public Restore restoreIfSchemaChanged(Taken taken) {
                    candidateGoneAtRestore = host.in(taken.service(), Slot.GREEN).isEmpty();
                    routedAtRestore = host.state().routes();
                    sync.run();
                    journal.add("restore " + taken.policy().name() + " #" + taken.snapshotId() + " for " + taken.service());
                    return new Restore.Unchanged();
                }

                @Override
                public void close() {
                    sync.run();
                    journal.add("close");
                }
            };
        }
    }
}
