package io.driftless.plan;

import io.driftless.desired.Manifest;
import io.driftless.desired.Service;
import io.driftless.live.LiveContainer;
import io.driftless.live.LiveState;
import io.driftless.live.RouteTable;
import io.driftless.live.Slot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a commit's desired state with what runs and decides the steps that converge them. Pure: the
 * same inputs always give the same plan, and planning again after the plan was carried out gives an empty
 * one.
 *
 * <p>Per blue/green service it first classifies the world — in sync, a candidate already up (a rollout cut
 * short), the current container stopped by hand, or out of date — then picks the steps for that class.
 */
public final class Planner {
    private Planner() {
    }

    /**
     * Why the commit must not be applied as it is, or empty when it may. Today: a manifest that keeps none of
     * the services that run (it lists none, or renames them all), unless it says {@code allowRemoveAll: true}.
     */
    public static Optional<String> refusal(Manifest desired, LiveState live) {
        boolean noneSurvives = live.services().stream().noneMatch(desired.services()::containsKey);
        if (!live.services().isEmpty() && noneSurvives && !desired.allowRemoveAll()) {
            return Optional.of("the commit removes every running service (" + String.join(", ", live.services())
                    + ")" + (desired.services().isEmpty() ? "" : " and starts only new ones (" + String.join(", ",
                    desired.services().keySet()) + ")") + "; if that is what you want, add 'allowRemoveAll: true' to driftless.yaml");
        }
        return Optional.empty();
    }

    /** The plan for a commit that is already applied (drift repair, the last known-good commit held). */
    public static Plan plan(Manifest desired, String revision, LiveState live) {
        return plan(desired, revision, live, false);
    }

    /**
     * @param notYetApplied true when {@code revision} has not been applied: a switch to it that a pass cut short
     *                      (the agent killed in the monitor window or the drain) is then watched again before the old
     *                      version goes. For an applied commit an old container still running is only tidied away.
     */
    public static Plan plan(Manifest desired, String revision, LiveState live, boolean notYetApplied) {
        Draft draft = new Draft();
        for (Service service : desired.services().values()) {
            List<LiveContainer> containers = live.containersOf(service.name());
            Optional<RouteTable.Binding> binding = live.routes().flatMap(t -> t.bindingOf(service.name()));
            if (service.blueGreen()) {
                planBlueGreen(service, notYetApplied ? revision : null, containers, binding, live.routes().isEmpty(), draft);
            } else {
                planRecreate(service, containers, draft);
            }
        }
        for (String gone : live.services()) {
            if (!desired.services().containsKey(gone)) {
                draft.changes.add(new Change(gone, "removed from the manifest", null, null));
                for (LiveContainer c : live.containersOf(gone)) {
                    if (c.running()) {
                        draft.retire.add(new Step.Retire(gone, c.slot(), c.id()));
                    } else {
                        draft.cleanup.add(new Step.RemoveContainer(gone, c.slot(), c.id(), "service removed from the manifest"));
                    }
                }
            }
        }
        return draft.toPlan(desired, revision, live);
    }

    /** @param resumable the commit whose cut-short switch is watched again, or null */
    private static void planBlueGreen(Service service, String resumable, List<LiveContainer> containers,
                                      Optional<RouteTable.Binding> binding, boolean proxyEmpty, Draft draft) {
        String name = service.name();
        Optional<Slot> routed = binding.map(RouteTable.Binding::slot);
        Optional<LiveContainer> current = pick(containers, c -> c.running() && matches(c, service), routed);
        Optional<LiveContainer> stopped = pick(containers, c -> !c.running() && matches(c, service), routed);
        Slot target;
        boolean servesAlready = false;
        if (current.isPresent()) {
            LiveContainer serving = current.get();
            target = serving.slot();
            Optional<Change> why = regateReason(service, serving, containers, binding, proxyEmpty);
            servesAlready = why.isEmpty();
            if (why.isPresent()) {
                // Traffic is about to reach a container that has not passed a gate in this pass: gate it first.
                draft.changes.add(why.get());
                draft.gates.add(gate(service, target));
                draft.moved.put(name, target);
            }
        } else if (stopped.isPresent()) {
            target = stopped.get().slot();
            draft.changes.add(new Change(name, "restart (stopped by hand)", null, target.label()));
            draft.starts.add(new Step.StartContainer(name, target, stopped.get().id()));
            draft.gates.add(gate(service, target));
            draft.moved.put(name, target);
        } else {
            target = freeSlot(containers, routed);
            draft.changes.add(describeUpdate(service, containers, routed));
            draft.snapshotBefore(service);
            draft.candidates.add(new Step.CreateCandidate(name, target, service));
            draft.gates.add(gate(service, target));
            draft.moved.put(name, target);
        }
        draft.targets.put(name, target);
        for (LiveContainer c : containers) {
            if (c.slot() == target && (current.isPresent() || stopped.isPresent())) {
                if (!c.id().equals(current.or(() -> stopped).get().id())) {
                    draft.cleanup.add(new Step.RemoveContainer(name, c.slot(), c.id(), "duplicate in its slot"));
                }
            } else if (c.slot() == target) {
                draft.cleanup.add(new Step.RemoveContainer(name, c.slot(), c.id(), "makes room for the candidate"));
            } else if (c.running()) {
                // The old version keeps serving until the switch, and drains after it. A running container
                // that is no longer routed (a pass cut short during the drain) may still finish requests
                // that Caddy's draining server holds, so it drains too.
                draft.retire.add(new Step.Retire(name, c.slot(), c.id()));
                draft.drainFrom(service);
                if (servesAlready && resumable != null && switchedButNotRetired(current.get(), c, resumable)) {
                    draft.resumed.put(name, target);
                }
            } else {
                draft.cleanup.add(new Step.RemoveContainer(name, c.slot(), c.id(), "exited"));
            }
        }
    }

    /**
     * True when {@code serving} took traffic for this very commit while {@code older}, the version it replaced, still
     * runs: a pass cut short (a killed agent) after the switch, in the monitor window or the drain. The monitor is
     * watched again before the old version goes, so a new version that fails just after the switch can still be
     * switched away from. A newer container left over in the other slot (a failed commit's candidate) is not this.
     */
    private static boolean switchedButNotRetired(LiveContainer serving, LiveContainer older, String revision) {
        return revision.equals(serving.revision()) && serving.created() != null && older.created() != null
                && older.created().isBefore(serving.created());
    }

    /**
     * Why a running container of the current spec must pass its gate again before traffic reaches it, or empty
     * when it already serves: a candidate that never took traffic (a pass cut short), routes Caddy lost, or an
     * address that changed under the route (Docker restarted it: it may still be booting).
     */
    private static Optional<Change> regateReason(Service service, LiveContainer c, List<LiveContainer> containers,
                                                 Optional<RouteTable.Binding> binding, boolean proxyEmpty) {
        String name = service.name();
        if (service.routes().isEmpty()) {
            // Nothing routes to it: it only needs a gate while an older container of the service still runs.
            boolean others = containers.stream().anyMatch(x -> !x.id().equals(c.id()) && x.running());
            return others ? Optional.of(new Change(name, "resume rollout", null, c.slot().label())) : Optional.empty();
        }
        if (proxyEmpty) {
            return Optional.of(new Change(name, "route again (Caddy holds none of the agent's routes)", null, c.slot().label()));
        }
        if (binding.isEmpty() || binding.get().slot() != c.slot()) {
            return Optional.of(new Change(name, "resume rollout", binding.map(b -> b.slot().label()).orElse(null), c.slot().label()));
        }
        String upstream = c.address() == null ? null : Routes.hostPort(c.address(), service.port());
        if (!binding.get().upstream().equals(upstream)) {
            return Optional.of(new Change(name, "route again (its address changed: Docker restarted it)",
                    binding.get().upstream(), upstream));
        }
        return Optional.empty();
    }

    private static void planRecreate(Service service, List<LiveContainer> containers, Draft draft) {
        String name = service.name();
        Optional<LiveContainer> current = pick(containers, c -> c.running() && matches(c, service), Optional.empty());
        Optional<LiveContainer> stopped = pick(containers, c -> !c.running() && matches(c, service), Optional.empty());
        Optional<LiveContainer> keep = current.or(() -> stopped);
        for (LiveContainer c : containers) {
            if (keep.isEmpty() || !c.id().equals(keep.get().id())) {
                draft.recreate.add(new Step.RemoveContainer(name, c.slot(), c.id(), "recreate: the old one goes first"));
            }
        }
        Slot target;
        if (current.isPresent()) {
            target = current.get().slot();
        } else if (stopped.isPresent()) {
            target = stopped.get().slot();
            draft.changes.add(new Change(name, "restart (stopped by hand)", null, target.label()));
            draft.starts.add(new Step.StartContainer(name, target, stopped.get().id()));
            draft.moved.put(name, target);
            gateIfChecked(service, target, draft.gates);
        } else {
            target = Slot.BLUE;
            draft.changes.add(describeUpdate(service, containers, Optional.empty()));
            draft.snapshotBefore(service);
            draft.recreate.add(new Step.CreateCandidate(name, target, service));
            draft.moved.put(name, target);
            gateIfChecked(service, target, draft.recreate);
        }
        draft.targets.put(name, target);
    }

    private static void gateIfChecked(Service service, Slot slot, List<Step> into) {
        if (service.health() != null && service.port() != null) {
            into.add(gate(service, slot));
        }
    }

    private static Step.AwaitHealthy gate(Service service, Slot slot) {
        return new Step.AwaitHealthy(service.name(), slot, service.health(), service.port());
    }

    /** A container is of the desired spec when its spec label matches and nobody swapped its image by hand. */
    static boolean matches(LiveContainer c, Service service) {
        return service.specHash().equals(c.spec()) && service.image().equals(c.image());
    }

    /** The routed slot's container when it qualifies, else the newest that does. */
    private static Optional<LiveContainer> pick(List<LiveContainer> containers,
                                                java.util.function.Predicate<LiveContainer> qualifies,
                                                Optional<Slot> routed) {
        return containers.stream().filter(qualifies)
                .max(Comparator.comparing((LiveContainer c) -> routed.isPresent() && c.slot() == routed.get())
                        .thenComparing(c -> c.created() == null ? java.time.Instant.EPOCH : c.created())
                        .thenComparing(c -> c.slot() == Slot.BLUE));
    }

    /** The slot a new candidate goes to: not the one serving (routed, or else running). */
    private static Slot freeSlot(List<LiveContainer> containers, Optional<Slot> routed) {
        if (routed.isPresent() && containers.stream().anyMatch(c -> c.slot() == routed.get() && c.running())) {
            return routed.get().other();
        }
        Optional<LiveContainer> serving = containers.stream().filter(LiveContainer::running)
                .max(Comparator.comparing(c -> c.created() == null ? java.time.Instant.EPOCH : c.created()));
        return serving.map(c -> c.slot().other()).orElse(Slot.BLUE);
    }

    private static Change describeUpdate(Service service, List<LiveContainer> containers, Optional<Slot> routed) {
        // The old version is the routed one even when it stopped (that is what the change replaces).
        Optional<LiveContainer> old = containers.stream()
                .max(Comparator.comparing((LiveContainer c) -> routed.isPresent() && c.slot() == routed.get())
                        .thenComparing(LiveContainer::running));
        if (old.isEmpty()) {
            return new Change(service.name(), "added", null, service.image());
        }
        if (!old.get().image().equals(service.image())) {
            return new Change(service.name(), "image", old.get().image(), service.image());
        }
        return new Change(service.name(), "configuration (env, command, volumes, port or host access)",
                "spec " + old.get().spec(), "spec " + service.specHash());
    }

    /** The steps of a plan, gathered per phase and put in order at the end. */
    private static final class Draft {
        final List<Change> changes = new ArrayList<>();
        final List<Step> cleanup = new ArrayList<>();
        /** Before every start and candidate: a failed snapshot fails the rollout before anything starts. */
        final List<Step> snapshots = new ArrayList<>();
        final List<Step> starts = new ArrayList<>();
        final List<Step> candidates = new ArrayList<>();
        final List<Step> gates = new ArrayList<>();
        final List<Step> recreate = new ArrayList<>();
        final List<Step> retire = new ArrayList<>();
        final Map<String, Slot> targets = new LinkedHashMap<>();
        /** Services that will be served by a container that is not serving now. */
        final Map<String, Slot> moved = new LinkedHashMap<>();
        /** Services already switched to this commit's container whose old version still runs (a pass cut short). */
        final Map<String, Slot> resumed = new LinkedHashMap<>();
        Duration drain = Duration.ZERO;
        Duration monitor = Duration.ZERO;

        void snapshotBefore(Service service) {
            if (service.snapshot() != null) {
                snapshots.add(new Step.TakeSnapshot(service.name(), service.snapshot().backup(),
                        service.snapshot().restoreOnFailure()));
            }
        }

        void drainFrom(Service service) {
            drain = max(drain, service.rollout().drain());
            monitor = max(monitor, service.rollout().monitor());
        }

        Plan toPlan(Manifest desired, String revision, LiveState live) {
            List<Step> steps = new ArrayList<>(cleanup);
            steps.addAll(snapshots);
            steps.addAll(starts);
            steps.addAll(candidates);
            steps.addAll(gates);
            steps.addAll(recreate);
            boolean routedMoved = moved.keySet().stream().anyMatch(name -> !desired.services().get(name).routes().isEmpty());
            if (routedMoved || !routesInSync(desired, live)) {
                Map<String, Slot> routedTargets = new LinkedHashMap<>();
                desired.services().values().stream().filter(s -> !s.routes().isEmpty())
                        .forEach(s -> routedTargets.put(s.name(), targets.get(s.name())));
                if (!routedTargets.isEmpty() || live.routes().map(t -> !t.bindings().isEmpty()).orElse(false)) {
                    steps.add(new Step.SwitchRoutes(routedTargets));
                    if (moved.isEmpty() && retire.isEmpty()) {
                        changes.add(new Change("proxy", live.routes().isEmpty()
                                ? "routes missing from Caddy (restarted or replaced by hand): restore them"
                                : "routes or listeners changed", null, null));
                    }
                }
            }
            if (!retire.isEmpty()) {
                Map<String, Slot> watched = new LinkedHashMap<>();
                Map<String, Slot> switching = new LinkedHashMap<>(moved);
                switching.putAll(resumed);
                switching.forEach((service, slot) -> {
                    if (retire.stream().anyMatch(r -> r.service().equals(service))) {
                        watched.put(service, slot);
                    }
                });
                if (!watched.isEmpty() && monitor.isPositive() && live.routes().isPresent()) {
                    steps.add(new Step.Monitor(watched, monitor));
                }
                steps.add(new Step.Drain(drain, retire.stream().map(Step::service).distinct().toList()));
                steps.addAll(retire);
            }
            if (steps.isEmpty()) {
                return new Plan(revision, List.of(), List.of());
            }
            return new Plan(revision, changes, steps);
        }

        /** True when Caddy already routes exactly what the manifest wants to the containers that run now. */
        private boolean routesInSync(Manifest desired, LiveState live) {
            Optional<RouteTable> want = Routes.table(desired, targets, live::runningAddress);
            if (want.isEmpty()) {
                return false;
            }
            if (live.routes().isEmpty()) {
                return want.get().bindings().isEmpty();
            }
            return want.get().equals(live.routes().get());
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
