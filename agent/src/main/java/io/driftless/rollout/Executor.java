package io.driftless.rollout;

import io.driftless.desired.Backup;
import io.driftless.desired.Manifest;
import io.driftless.desired.Service;
import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.events.Reason;
import io.driftless.health.GateResult;
import io.driftless.health.HealthGate;
import io.driftless.live.LiveContainer;
import io.driftless.live.LiveState;
import io.driftless.live.RouteTable;
import io.driftless.live.Slot;
import io.driftless.plan.Plan;
import io.driftless.plan.Routes;
import io.driftless.plan.Step;
import io.driftless.time.Sleeper;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries out a plan, one driver call per step, all or nothing: a failure before the route switch removes
 * the candidates it started and leaves every route where it was; a failure in the monitor window switches
 * the routes back (the old containers still run) and then removes the candidates. A snapshot taken before a candidate
 * started ({@link Snapshots}) is put back after that, when its service asked for it and the schema changed.
 *
 * <p>It asks Docker only what it does not know: the containers observed at the start of the pass, and what
 * creating and starting returned, stand for what runs; a candidate is inspected once when its gate begins (it may
 * have exited since it started), the host is listed once at the switch, and the monitor inspects only the
 * containers it watches.
 *
 * <p>A run of consecutive candidate steps (create, gate) of several services is carried out {@code parallel} services
 * at a time, each service's own steps in order, on threads that exist only for that run of steps. The first failure
 * among them cancels the others (a gate in progress is interrupted and recorded as cancelled) and the rollout fails
 * as it would have one at a time: no route moved, every candidate removed. The route switch, the monitor, the drain
 * and the retirements stay in order on the pass's own thread. Each image is looked for (and pulled) once per run.
 */
public final class Executor {
    /** How long a container gets between SIGTERM and SIGKILL. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ContainerEngine engine;
    private final RouteProxy proxy;
    private final HealthGate gate;
    private final Monitor monitor;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration minDrain;
    private final Snapshots snapshots;
    private final int parallel;

    /** Without backups: a plan that snapshots a database fails ({@link Snapshots#NONE}). */
    public Executor(ContainerEngine engine, RouteProxy proxy, HealthGate gate, Monitor monitor, Clock clock,
                    Sleeper sleeper, Duration minDrain) {
        this(engine, proxy, gate, monitor, clock, sleeper, minDrain, Snapshots.NONE);
    }

    /**
     * @param minDrain the shortest drain allowed: the proxy's shutdown delay plus in-flight time, because
     *                 Caddy's old server keeps proxying to the old container that long after a switch
     * @param snapshots takes the snapshots a plan asks for before its candidates start, and restores them
     */
    public Executor(ContainerEngine engine, RouteProxy proxy, HealthGate gate, Monitor monitor, Clock clock,
                    Sleeper sleeper, Duration minDrain, Snapshots snapshots) {
        this(engine, proxy, gate, monitor, clock, sleeper, minDrain, snapshots, 1);
    }

    /** @param parallel how many services' candidates are created and gated at once (1: one at a time, in plan order) */
    public Executor(ContainerEngine engine, RouteProxy proxy, HealthGate gate, Monitor monitor, Clock clock,
                    Sleeper sleeper, Duration minDrain, Snapshots snapshots, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        }
        this.parallel = parallel;
        this.engine = engine;
        this.proxy = proxy;
        this.gate = gate;
        this.monitor = monitor;
        this.clock = clock;
        this.sleeper = sleeper;
        this.minDrain = minDrain;
        this.snapshots = snapshots;
    }

    /** Carries out {@code plan}, telling {@code events} of each step as it starts and ends. */
    public Outcome execute(Plan plan, Manifest manifest, LiveState before, EventSink events) throws InterruptedException {
        Run run = new Run(plan, manifest, before, events);
        return run.go();
    }

    /** One execution's memory: what it started, whether routes moved. */
    private final class Run {
        final Plan plan;
        final Manifest manifest;
        final LiveState before;
        /** Steps of candidates carried out at once publish one at a time: outlets see one event after another. */
        final EventSink events;
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        /** The snapshots taken, in order; their policies' locks are held until the run ends. */
        final List<Snapshots.Taken> taken = new ArrayList<>();
        /** Services whose new candidate this run created and started: a failure now may leave a migrated schema. */
        final Set<String> candidateStarted = ConcurrentHashMap.newKeySet();
        Snapshots.Session session;
        /** Candidates given their one second chance after exiting under the gate. */
        final Set<String> restarted = ConcurrentHashMap.newKeySet();
        /** What runs as far as this run knows: observed at the start, then as Docker answered each step. */
        final Map<String, LiveContainer> known = Collections.synchronizedMap(new LinkedHashMap<>());
        /** Images found (or pulled) in this run, and one lock per image: candidates of one image pull it once. */
        final Set<String> imagesReady = ConcurrentHashMap.newKeySet();
        final Map<String, Object> imageLocks = new ConcurrentHashMap<>();
        /** The first failure among candidate steps carried out at once; the others are cancelled then. */
        final AtomicReference<Outcome.Failed> firstFailure = new AtomicReference<>();
        boolean switched;
        /** A load whose outcome is unknown (no answer, Caddy not askable): Caddy may route to the candidates. */
        boolean switchUnknown;

        Run(Plan plan, Manifest manifest, LiveState before, EventSink events) {
            this.plan = plan;
            this.manifest = manifest;
            this.before = before;
            this.events = event -> {
                synchronized (this) {
                    events.publish(event);
                }
            };
            before.containers().forEach(this::saw);
        }

        private void saw(LiveContainer c) {
            known.put(key(c.service(), c.slot()), c);
        }

        private Optional<LiveContainer> known(String service, Slot slot) {
            return Optional.ofNullable(known.get(key(service, slot)));
        }

        private static String key(String service, Slot slot) {
            return service + "/" + slot.label();
        }

        Outcome go() throws InterruptedException {
            try {
                return steps();
            } finally {
                if (session != null) {
                    session.close(); // after any restore: a backup of the same database waited until now
                }
            }
        }

        private Outcome steps() throws InterruptedException {
            Instant begin = clock.instant();
            List<Step> steps = plan.steps();
            for (int i = 0; i < steps.size(); ) {
                int end = candidateStepsEnd(steps, i);
                Step step = steps.get(i);
                Optional<Outcome.Failed> failure = end > i + 1 ? atOnce(steps.subList(i, end)) : one(step);
                i = Math.max(end, i + 1);
                if (failure.isPresent()) {
                    if (switched && !(step instanceof Step.Monitor)) {
                        // Past the switch and the monitor, the new version serves: what is left (drain,
                        // retire) is tidying; the next pass removes what could not be removed now.
                        continue;
                    }
                    boolean oldServes = undo();
                    restoreSnapshots(oldServes);
                    return failure.get();
                }
            }
            return new Outcome.Converged(plan.revision(), Duration.between(begin, clock.instant()));
        }

        /**
         * The end (exclusive) of the run of candidate steps (create, gate) starting at {@code from}, when it is worth
         * carrying out at once: {@code parallel} above 1 and at least two services in it; else {@code from}.
         */
        private int candidateStepsEnd(List<Step> steps, int from) {
            int end = from;
            Set<String> services = new HashSet<>();
            while (end < steps.size() && (steps.get(end) instanceof Step.CreateCandidate
                    || steps.get(end) instanceof Step.AwaitHealthy)) {
                services.add(steps.get(end).service());
                end++;
            }
            return parallel > 1 && services.size() > 1 ? end : from;
        }

        /** One step: its events, its driver calls, and what went wrong, as the rollout's failure. */
        private Optional<Outcome.Failed> one(Step step) throws InterruptedException {
            return one(step, clock.instant());
        }

        /** {@link #one(Step)} begun at {@code t0} (the caller keeps it, to end the step if an error escapes). */
        private Optional<Outcome.Failed> one(Step step, Instant t0) throws InterruptedException {
            events.publish(new AgentEvent.StepStarted(t0, plan.revision(), step));
            Optional<Outcome.Failed> failure;
            try {
                failure = perform(step);
            } catch (EngineException e) {
                // Docker away is the host's fault (the next pass tries again); a refusal (a command that does
                // not exist, a volume that cannot be mounted) is the commit's, and would be refused again.
                failure = Optional.of(e.isTransient() ? fail(Reason.DOCKER_ERROR, step.service(), e.getMessage())
                        : fail(Reason.CONTAINER_REFUSED, step.service(), e.getMessage()));
            } catch (ProxyException e) {
                failure = Optional.of(e.isTransient() ? fail(Reason.PROXY_UNAVAILABLE, null, e.getMessage())
                        : fail(Reason.PROXY_REJECTED, null, e.getMessage()));
            } catch (InterruptedException e) {
                if (firstFailure.get() == null) {
                    throw e; // the agent stops: the pass is cut short, as one step at a time
                }
                return cancelled(step, t0);
            } catch (RuntimeException e) {
                // A bug, not the host: still undo what this run started, and say where it happened.
                LoggerFactory.getLogger(Executor.class).error("unexpected error in step '{}'", step.describe(), e);
                failure = Optional.of(fail(Reason.INTERNAL_ERROR, step.service(), "unexpected error in step '"
                        + step.describe() + "': " + e));
            }
            if (failure.isPresent() && firstFailure.get() != null && Thread.interrupted()) {
                return cancelled(step, t0); // what went wrong here came of being stopped
            }
            events.publish(new AgentEvent.StepFinished(clock.instant(), plan.revision(), step, t0,
                    failure.map(Outcome.Failed::headline).orElse(null)));
            return failure;
        }

        /** Another candidate failed first: this step stopped where it was, and the rollout fails with that one. */
        private Optional<Outcome.Failed> cancelled(Step step, Instant t0) {
            events.publish(new AgentEvent.StepFinished(clock.instant(), plan.revision(), step, t0,
                    "cancelled: " + firstFailure.get().headline()));
            return Optional.empty();
        }

        /**
         * Candidate steps of several services, {@code parallel} services at a time, each service's steps in plan order.
         * The first failure cancels the rest: queued services never start, running steps are interrupted. Returns once
         * every thread has ended, so what the candidates started is known to {@link #undo}.
         */
        private Optional<Outcome.Failed> atOnce(List<Step> block) throws InterruptedException {
            Map<String, List<Step>> chains = new LinkedHashMap<>();
            block.forEach(s -> chains.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s));
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, chains.size()),
                    Thread.ofPlatform().name("driftless-candidate-", 1).daemon(true).factory());
            Set<String> done = ConcurrentHashMap.newKeySet();
            try {
                for (Map.Entry<String, List<Step>> chain : chains.entrySet()) {
                    Runnable candidate = () -> {
                        Step current = null;
                        Instant began = null;
                        try {
                            for (Step s : chain.getValue()) {
                                if (firstFailure.get() != null) {
                                    return;
                                }
                                current = s;
                                began = clock.instant();
                                Optional<Outcome.Failed> failure = one(s, began);
                                current = null;
                                if (failure.isPresent()) {
                                    if (firstFailure.compareAndSet(null, failure.get())) {
                                        pool.shutdownNow();
                                    }
                                    return;
                                }
                            }
                            done.add(chain.getKey());
                        } catch (InterruptedException e) {
                            // the agent stops (the pass thread was interrupted) or another candidate failed
                        } catch (RuntimeException | Error e) {
                            // one() turns a bug into a failure; this is what escaped it (an Error): still fail, never switch
                            LoggerFactory.getLogger(Executor.class).error("unexpected error creating or gating service {}",
                                    chain.getKey(), e);
                            Outcome.Failed failed = fail(Reason.INTERNAL_ERROR, chain.getKey(),
                                    "unexpected error creating or gating the candidate: " + e);
                            if (current != null) {
                                finishedAfterError(current, began, failed);
                            }
                            if (firstFailure.compareAndSet(null, failed)) {
                                pool.shutdownNow();
                            }
                        }
                    };
                    try {
                        pool.execute(candidate);
                    } catch (RejectedExecutionException e) {
                        break; // a candidate failed already and stopped the pool: the services not begun never will
                    }
                }
                pool.shutdown();
                while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    // a gate's deadline bounds each thread
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                awaitQuietly(pool);
                throw e;
            }
            if (firstFailure.get() == null && done.size() < chains.size()) {
                // Not one service may be switched to without its gate: whatever stopped a thread fails the rollout.
                firstFailure.compareAndSet(null, fail(Reason.INTERNAL_ERROR, null, "the candidates of "
                        + String.join(", ", chains.keySet().stream().filter(k -> !done.contains(k)).toList())
                        + " were not created and gated to the end"));
            }
            return Optional.ofNullable(firstFailure.get());
        }

        /** The step an error escaped still ends in the record (the ledger's steps, the progress line), as failed. */
        private void finishedAfterError(Step step, Instant began, Outcome.Failed failed) {
            try {
                events.publish(new AgentEvent.StepFinished(clock.instant(), plan.revision(), step, began, failed.headline()));
            } catch (RuntimeException | Error again) {
                LoggerFactory.getLogger(Executor.class).error("cannot record the end of step '{}'", step.describe(), again);
            }
        }

        /** After the pass thread was interrupted: the candidates' threads finish what Docker is doing, briefly. */
        private static void awaitQuietly(ExecutorService pool) {
            try {
                pool.awaitTermination(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
        }

        private Optional<Outcome.Failed> perform(Step step) throws EngineException, ProxyException, InterruptedException {
            switch (step) {
                case Step.RemoveContainer s -> removed(s.service(), s.slot(), s.containerId());
                case Step.StartContainer s -> saw(engine.start(s.containerId()));
                case Step.TakeSnapshot s -> {
                    return snapshot(s);
                }
                case Step.CreateCandidate s -> {
                    try {
                        ensureImage(s.service(), s.spec().image());
                    } catch (EngineException e) {
                        if (e.isTransient()) {
                            throw e; // Docker away, not a missing image
                        }
                        return Optional.of(fail(Reason.IMAGE_UNAVAILABLE, s.service(), e.getMessage()));
                    }
                    LiveContainer c = engine.run(s.spec(), s.slot(), plan.revision());
                    candidateStarted.add(s.service());
                    started.add(c.id());
                    saw(c);
                }
                case Step.AwaitHealthy s -> {
                    return awaitHealthy(s);
                }
                case Step.SwitchRoutes s -> {
                    RouteTable table = table(s.targets());
                    try {
                        proxy.apply(table);
                    } catch (ProxyException e) {
                        if (!e.maybeApplied()) {
                            throw e;
                        }
                        // The load reached Caddy but no answer came back: ask what it routes now.
                        Optional<Optional<RouteTable>> now = routedNow();
                        if (now.isPresent() && now.get().equals(Optional.of(table))) {
                            switched = true; // it took effect: carry on
                            return Optional.empty();
                        }
                        switchUnknown = now.isEmpty();
                        throw e;
                    }
                    switched = true;
                }
                case Step.Monitor s -> {
                    Map<String, Optional<LiveContainer>> watched = new LinkedHashMap<>();
                    s.watched().forEach((service, slot) -> watched.put(service, known(service, slot)));
                    Optional<String> problem = monitor.watch(watched, s.window(), manifest);
                    if (problem.isPresent()) {
                        return Optional.of(fail(Reason.MONITOR_FAILED, null, problem.get()));
                    }
                }
                case Step.Drain s -> sleeper.sleep(s.duration().compareTo(minDrain) > 0 ? s.duration() : minDrain);
                case Step.Retire s -> removed(s.service(), s.slot(), s.containerId());
            }
            return Optional.empty();
        }

        /** Looks for (pulls) each image once per run, however many candidates run it, and one pull at a time per image. */
        private void ensureImage(String service, String image) throws EngineException {
            synchronized (imageLocks.computeIfAbsent(image, k -> new Object())) {
                if (!imagesReady.contains(image)) {
                    engine.ensureImage(service, image);
                    imagesReady.add(image);
                }
            }
        }

        private Optional<Outcome.Failed> snapshot(Step.TakeSnapshot s) throws InterruptedException {
            Backup policy = manifest.backups().get(s.backup());
            if (policy == null) {
                // The manifest binder refuses a snapshot of a backup it does not list; a plan built by hand may not.
                return Optional.of(fail(Reason.SNAPSHOT_FAILED, s.service(), "snapshot: there is no backup " + s.backup()
                        + " under backups: in driftless.yaml"));
            }
            if (session == null) {
                session = snapshots.open(plan.revision());
            }
            try {
                taken.add(session.take(policy, s.service(), s.restoreOnFailure()));
                return Optional.empty();
            } catch (Snapshots.Failed e) {
                return Optional.of(fail(Reason.SNAPSHOT_FAILED, s.service(), "the snapshot of backup " + s.backup()
                        + " before its candidate starts failed, so nothing was started: " + e.getMessage()));
            }
        }

        /**
         * After a failure and {@link #undo}: each policy whose snapshot belongs to a service that asked for a restore and
         * whose candidate started is put back, from the first snapshot of it this run took, if the schema changed. Only
         * once the old version serves again: while Caddy may still route to a candidate, its schema stays.
         */
        private void restoreSnapshots(boolean oldServes) throws InterruptedException {
            Set<String> policies = new HashSet<>();
            for (Snapshots.Taken t : taken) {
                if (!t.restoreOnFailure() || !candidateStarted.contains(t.service()) || !policies.add(t.policy().name())) {
                    continue;
                }
                if (!oldServes) {
                    events.publish(new AgentEvent.SnapshotRestoreFailed(clock.instant(), plan.revision(), t.service(),
                            t.policy().name(), "not restored: Caddy could not be switched back, so the candidate may still "
                            + "take traffic and needs its schema; the next pass sorts the routes out, then restore by hand "
                            + "with 'driftless restore " + t.policy().name() + " --id " + t.snapshotId() + "' if the old version fails"));
                    continue;
                }
                try {
                    session.restoreIfSchemaChanged(t);
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(Executor.class).error("unexpected error restoring snapshot #{} of backup {}",
                            t.snapshotId(), t.policy().name(), e);
                    events.publish(new AgentEvent.SnapshotRestoreFailed(clock.instant(), plan.revision(), t.service(),
                            t.policy().name(), "unexpected error: " + e));
                }
            }
        }

        private void removed(String service, Slot slot, String id) throws EngineException {
            engine.stopAndRemove(id, STOP_GRACE);
            known(service, slot).filter(c -> c.id().equals(id)).ifPresent(c -> known.remove(key(service, slot)));
        }

        /** Each probe of {@code service}'s health gate as an event (metrics count them). */
        private java.util.function.Consumer<io.driftless.health.ProbeResult> probed(String service) {
            return r -> events.publish(new AgentEvent.HealthProbed(clock.instant(), plan.revision(), service,
                    r.healthy() ? "healthy" : "unhealthy"));
        }

        private Optional<Outcome.Failed> awaitHealthy(Step.AwaitHealthy s) throws EngineException, InterruptedException {
            // Asked again, not taken from what start returned: a candidate may exit a moment after it started.
            Optional<LiveContainer> now = known(s.service(), s.slot()).isEmpty() ? Optional.empty()
                    : engine.inspect(known(s.service(), s.slot()).get().id());
            LiveContainer c = now.orElseThrow(() ->
                    new EngineException("service " + s.service() + ": its " + s.slot().label() + " container is gone"));
            String id = c.id();
            saw(c);
            if ((!c.running() || c.address() == null) && !started.contains(id) && restarted.add(id)) {
                // A candidate this pass did not start, found stopped when its gate begins: a pass cut short whose
                // clean-up Docker finished after the agent died, as below. It gets its one second chance here.
                c = startAgain(c);
            }
            if (!c.running() || c.address() == null) {
                return Optional.of(fail(Reason.CONTAINER_EXITED, s.service(), "the container exited at once: " + lastWords(id)));
            }
            GateResult result = gate.await(healthUri(c, s), s.health(), () -> exitedWhy(id), probed(s.service()));
            if (result instanceof GateResult.Failed) {
                engine.inspect(id); // Docker gone while gating is a host fault, not the commit's: this throws
            }
            if (result instanceof GateResult.Failed f && f.reason() == Reason.CONTAINER_EXITED && restarted.add(id)) {
                // Something other than the image may have stopped it: a pass cut short finishing its clean-up
                // (Docker completes a stop even when the agent that asked for it died), or the Docker daemon
                // restarting (it stops its containers on the way down). That says nothing about the commit:
                // start it once more (with Docker gone, that is a host fault), and let a second exit count.
                LiveContainer again = startAgain(c);
                if (!again.running() || again.address() == null) {
                    return Optional.of(fail(Reason.CONTAINER_EXITED, s.service(), "the container exited at once: " + lastWords(id)));
                }
                result = gate.await(healthUri(again, s), s.health(), () -> exitedWhy(id), probed(s.service()));
            }
            return switch (result) {
                case GateResult.Passed p -> Optional.empty();
                case GateResult.Failed f -> Optional.of(fail(f.reason(), s.service(), f.message()));
            };
        }

        /** Starts a candidate once more after it was stopped by something other than its image. */
        private LiveContainer startAgain(LiveContainer c) throws EngineException {
            LiveContainer again;
            try {
                again = engine.start(c.id());
            } catch (EngineException e) {
                // It started once already, so the spec is sound: failing to start it again is the host's.
                throw new EngineException(e.getMessage(), e, true);
            }
            started.add(again.id());
            saw(again);
            return again;
        }

        private URI healthUri(LiveContainer c, Step.AwaitHealthy s) {
            return URI.create("http://" + Routes.hostPort(c.address(), s.port()) + s.health().path());
        }

        private Optional<String> exitedWhy(String id) {
            try {
                Optional<LiveContainer> now = engine.inspect(id);
                if (now.isPresent() && now.get().running()) {
                    return Optional.empty();
                }
                return Optional.of(now.isEmpty() ? "it was removed" : lastWords(id));
            } catch (EngineException e) {
                return Optional.empty();
            }
        }

        private String lastWords(String id) {
            String tail = engine.logTail(id, 5).strip();
            return tail.isEmpty() ? "(it printed nothing)" : "its last output: " + tail.replace('\n', '|');
        }

        /**
         * Asked of Docker at the switch, not taken from what the run knows: all routes move in one load, and a
         * service this rollout does not touch may have been restarted (on a new address) while the gates waited.
         */
        private RouteTable table(Map<String, Slot> targets) throws EngineException {
            List<LiveContainer> now = engine.list();
            now.forEach(this::saw);
            return Routes.table(manifest, targets, (service, slot) -> LiveState.container(now, service, slot)
                            .filter(LiveContainer::running).map(LiveContainer::address))
                    .orElseThrow(() -> new EngineException("a routed container is not running, so no route can point at it"));
        }

        private Outcome.Failed fail(Reason reason, String service, String message) {
            return new Outcome.Failed(plan.revision(), reason, service, message);
        }

        /** What the proxy routes now; empty when it cannot be asked. */
        private Optional<Optional<RouteTable>> routedNow() {
            try {
                return Optional.of(proxy.current());
            } catch (ProxyException e) {
                return Optional.empty();
            }
        }

        /**
         * Put traffic back on the old containers (if it moved) and remove every candidate this run started.
         *
         * @return false when Caddy may still route to the candidates (they are kept then)
         */
        private boolean undo() throws InterruptedException {
            if (switchUnknown && before.routes().isEmpty()) {
                return false; // Caddy may route to the candidates and there is nothing to go back to: keep them
            }
            if ((switched || switchUnknown) && before.routes().isPresent()) {
                try {
                    proxy.apply(before.routes().get());
                    sleeper.sleep(minDrain);
                } catch (ProxyException e) {
                    // Keep the candidates: they are what the proxy routes to now. The next pass sorts it out.
                    return false;
                }
            }
            for (String id : started) {
                try {
                    engine.stopAndRemove(id, STOP_GRACE);
                } catch (EngineException e) {
                    // The next pass removes it: an unrouted candidate is planned away.
                }
            }
            return true;
        }
    }

    /** The health of what was just switched to, watched for a while after the switch. */
    public interface Monitor {
        /**
         * @param watched each watched service's new container as last seen, or empty when the run knows of none
         * @return what went wrong, or empty when every watched service stayed healthy for the window
         */
        Optional<String> watch(Map<String, Optional<LiveContainer>> watched, Duration window, Manifest manifest)
                throws InterruptedException;
    }

    /**
     * Reuses a service's own health check (path, timeout) at its interval during the window. Each tick asks Docker
     * about the watched containers only, not about the whole host.
     */
    public static Monitor probing(ContainerEngine engine, io.driftless.health.HealthProbe probe, Clock clock, Sleeper sleeper) {
        return (watched, window, manifest) -> {
            Instant end = clock.instant().plus(window);
            Duration interval = Duration.ofSeconds(1);
            while (clock.instant().isBefore(end)) {
                for (Map.Entry<String, Optional<LiveContainer>> e : watched.entrySet()) {
                    Service service = manifest.services().get(e.getKey());
                    Optional<LiveContainer> c;
                    try {
                        c = e.getValue().isEmpty() ? Optional.empty() : engine.inspect(e.getValue().get().id());
                    } catch (EngineException unreachable) {
                        return Optional.empty(); // Docker unreachable is not the new version's fault.
                    }
                    if (c.isEmpty() || !c.get().running()) {
                        return Optional.of("service " + e.getKey() + ": the new container stopped during the monitor window");
                    }
                    if (service != null && service.health() != null && service.port() != null) {
                        URI uri = URI.create("http://" + Routes.hostPort(c.get().address(), service.port()) + service.health().path());
                        var result = probe.probe(uri, service.health().timeout());
                        if (!result.healthy()) {
                            return Optional.of("service " + e.getKey() + ": health check failed during the monitor window ("
                                    + result.describe() + ")");
                        }
                        interval = service.health().interval();
                    }
                }
                sleeper.sleep(interval);
            }
            return Optional.empty();
        };
    }
}
