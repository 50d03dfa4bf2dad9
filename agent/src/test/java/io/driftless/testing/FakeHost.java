package io.driftless.testing;

import io.driftless.desired.Service;
import io.driftless.live.LiveContainer;
import io.driftless.live.LiveState;
import io.driftless.live.RouteTable;
import io.driftless.live.Slot;
import io.driftless.rollout.ContainerEngine;
import io.driftless.rollout.EngineException;
import io.driftless.rollout.ProxyException;
import io.driftless.rollout.RouteProxy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Docker host and a Caddy in memory, for tests of the planner and the executor: it implements the same
 * ports as the real adapters, with the same rules (names unique per slot, addresses only while running). Safe to call
 * from several threads, as the executor does when it creates and gates candidates at once.
 */
public final class FakeHost implements ContainerEngine, RouteProxy {
    private final Map<String, LiveContainer> containers = new LinkedHashMap<>();
    private final Set<String> images = new HashSet<>();
    private final Set<String> crashingImages = new HashSet<>();
    private Optional<RouteTable> routes = Optional.empty();
    private final List<RouteTable> loads = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private int nextId = 1;
    private int lists;
    private int inspects;
    private int nextAddress = 2;
    private long clock = 1_000;
    private boolean proxyDown;
    private boolean loseLoadAnswer;
    private boolean proxyDownAfterLostAnswer;

    public synchronized FakeHost withImages(String... refs) {
        images.addAll(List.of(refs));
        return this;
    }

    /** Containers of this image exit at once after start. */
    public synchronized FakeHost crashing(String ref) {
        images.add(ref);
        crashingImages.add(ref);
        return this;
    }

    public synchronized LiveState state() {
        return new LiveState(List.copyOf(containers.values()), routes);
    }

    public synchronized List<RouteTable> loads() {
        return loads;
    }

    public synchronized List<String> calls() {
        return calls;
    }

    public synchronized void proxyDown(boolean down) {
        proxyDown = down;
    }

    /** The next load takes effect, but its answer is lost (a timeout); then Caddy is down if {@code thenDown}. */
    public synchronized void loseNextLoadAnswer(boolean thenDown) {
        loseLoadAnswer = true;
        proxyDownAfterLostAnswer = thenDown;
    }

    /** Something done to the host in the middle of a step, by a test. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** Drift, as an operator with a shell makes it. */
    public synchronized void stopByHand(String id) {
        LiveContainer c = containers.get(id);
        containers.put(id, copy(c, false, null));
    }

    public synchronized void removeByHand(String id) {
        containers.remove(id);
    }

    public synchronized void forgetRoutes() {
        routes = Optional.empty();
    }

    /** Puts a container straight on the host, as a previous agent (or a crash mid-rollout) left it. */
    public synchronized LiveContainer place(Service spec, Slot slot, String revision, boolean running) {
        String id = "c" + (nextId++);
        LiveContainer c = new LiveContainer(id, spec.name() + "-" + slot.label(), spec.name(), slot, spec.specHash(),
                revision, spec.image(), running, running ? "10.0.0." + (nextAddress++) : null, Instant.ofEpochSecond(clock++));
        containers.put(id, c);
        return c;
    }

    public synchronized Optional<LiveContainer> in(String service, Slot slot) {
        return containers.values().stream().filter(c -> c.service().equals(service) && c.slot() == slot).findFirst();
    }

    /** How many times the host was listed and a container inspected: what a real daemon would be asked. */
    public synchronized int lists() {
        return lists;
    }

    public synchronized int inspects() {
        return inspects;
    }

    @Override
    public synchronized List<LiveContainer> list() {
        lists++;
        return List.copyOf(containers.values());
    }

    @Override
    public synchronized Optional<LiveContainer> inspect(String id) {
        inspects++;
        return Optional.ofNullable(containers.get(id));
    }

    @Override
    public synchronized void ensureImage(String service, String image) throws EngineException {
        calls.add("ensureImage " + image);
        if (!images.contains(image)) {
            throw new EngineException("service " + service + ": image " + image + " is not on this host and could not be pulled");
        }
    }

    @Override
    public synchronized LiveContainer run(Service spec, Slot slot, String revision) throws EngineException {
        calls.add("run " + spec.name() + " " + slot.label());
        if (in(spec.name(), slot).isPresent()) {
            throw new EngineException("a container named " + spec.name() + "-" + slot.label() + " exists already");
        }
        return place(spec, slot, revision, !crashingImages.contains(spec.image()));
    }

    @Override
    public synchronized LiveContainer start(String id) throws EngineException {
        calls.add("start " + id);
        LiveContainer c = containers.get(id);
        if (c == null) {
            throw new EngineException("no container " + id);
        }
        LiveContainer started = copy(c, true, "10.0.0." + (nextAddress++));
        containers.put(id, started);
        return started;
    }

    @Override
    public synchronized void stopAndRemove(String id, Duration grace) {
        calls.add("remove " + id);
        containers.remove(id);
    }

    @Override
    public synchronized String logTail(String id, int lines) {
        LiveContainer c = containers.get(id);
        return c != null && crashingImages.contains(c.image()) ? "fatal: config missing" : "";
    }

    @Override
    public synchronized Optional<RouteTable> current() throws ProxyException {
        if (proxyDown) {
            throw new ProxyException("cannot reach Caddy", null, true);
        }
        return routes;
    }

    @Override
    public synchronized void apply(RouteTable table) throws ProxyException {
        if (proxyDown) {
            throw new ProxyException("cannot reach Caddy", null, true);
        }
        calls.add("load routes");
        loads.add(table);
        routes = Optional.of(table);
        if (loseLoadAnswer) {
            loseLoadAnswer = false;
            proxyDown = proxyDownAfterLostAnswer;
            throw new ProxyException("Caddy did not answer POST /load in time", null, true, true);
        }
    }

    private static LiveContainer copy(LiveContainer c, boolean running, String address) {
        return new LiveContainer(c.id(), c.name(), c.service(), c.slot(), c.spec(), c.revision(), c.image(), running,
                address, c.created());
    }
}
