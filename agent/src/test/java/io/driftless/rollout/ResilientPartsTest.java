package io.driftless.rollout;

import io.driftless.desired.Service;
import io.driftless.live.LiveContainer;
import io.driftless.live.RouteTable;
import io.driftless.live.Slot;
import io.driftless.source.SourceException.Reason;
import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Resilience4j decorators around Docker, Caddy and Git, with fakes that fail on cue. */
class ResilientPartsTest {
    /** 3 tries, waits of a few milliseconds (nothing here is about timing), the breaker opens after 4 failures. */
    static final Backoff.Policy QUICK = new Backoff.Policy(3, Duration.ofMillis(1), Duration.ofMillis(4), 4, Duration.ofSeconds(10));
    final FakeClock clock = new FakeClock();

    @Test
    void transientCaddyFailuresAreRetriedUntilALoadSucceeds() throws Exception {
        Caddy caddy = new Caddy(unreachable(), unreachable());

        new ResilientProxy(caddy, QUICK, clock).apply(new RouteTable(List.of(":80"), "off", List.of()));

        assertEquals(3, caddy.calls, "two failures, then the load that worked");
    }

    @Test
    void retriesAreBoundedAndTheLastFailureComesOut() {
        Caddy caddy = new Caddy(unreachable(), unreachable(), unreachable(), unreachable());

        ProxyException e = assertThrows(ProxyException.class, () -> new ResilientProxy(caddy, QUICK, clock).current());

        assertEquals(3, caddy.calls);
        assertTrue(e.getMessage().contains("is caddy running"), e.getMessage());
    }

    @Test
    void aLoadThatMayHaveTakenEffectIsReportedSoEvenWhenTheLastTryNeverReachedCaddy() {
        ProxyException noAnswer = new ProxyException("Caddy did not answer POST /load in time", null, true, true);
        Caddy caddy = new Caddy(noAnswer, unreachable(), unreachable());

        ProxyException e = assertThrows(ProxyException.class,
                () -> new ResilientProxy(caddy, QUICK, clock).apply(new RouteTable(List.of(":80"), "off", List.of())));

        assertEquals(3, caddy.calls);
        assertTrue(e.maybeApplied(), "the first try may have switched the routes: the executor must ask Caddy");
    }

    @Test
    void aConfigCaddyRefusesIsNotRetried() {
        ProxyException refused = new ProxyException("Caddy refused the config (HTTP 400)", null, false);
        Caddy caddy = new Caddy(refused);

        ProxyException e = assertThrows(ProxyException.class,
                () -> new ResilientProxy(caddy, QUICK, clock).apply(new RouteTable(List.of(":80"), "off", List.of())));

        assertSame(refused, e, "passed straight through");
        assertEquals(1, caddy.calls);
    }

    @Test
    void theBreakerOpensAfterFailuresInARowAndStopsCallingUntilItsWaitIsOver() throws Exception {
        Backoff.Policy noRetry = new Backoff.Policy(1, Duration.ofMillis(1), Duration.ofMillis(1), 3, Duration.ofSeconds(10));
        Caddy caddy = new Caddy(unreachable(), unreachable(), unreachable());
        ResilientProxy proxy = new ResilientProxy(caddy, noRetry, clock);
        for (int i = 0; i < 3; i++) {
            assertThrows(ProxyException.class, proxy::current);
        }

        ProxyException open = assertThrows(ProxyException.class, proxy::current);

        assertEquals(3, caddy.calls, "the open breaker did not call Caddy");
        assertTrue(open.getMessage().contains("circuit open"), open.getMessage());
        assertTrue(open.isTransient(), "an open breaker is worth trying again later");
        clock.advance(Duration.ofSeconds(11));
        assertEquals(Optional.empty(), proxy.current(), "after the wait one call goes through, and it works");
        assertEquals(4, caddy.calls);
        proxy.current();
        assertEquals(5, caddy.calls, "closed again");
    }

    @Test
    void refusalsThatWillNotChangeNeverOpenTheBreaker() {
        Backoff.Policy noRetry = new Backoff.Policy(1, Duration.ofMillis(1), Duration.ofMillis(1), 2, Duration.ofSeconds(10));
        Caddy caddy = new Caddy();
        for (int i = 0; i < 6; i++) {
            caddy.failures.add(new ProxyException("HTTP 400", null, false));
        }
        ResilientProxy proxy = new ResilientProxy(caddy, noRetry, clock);
        for (int i = 0; i < 6; i++) {
            assertThrows(ProxyException.class, proxy::current);
        }
        assertEquals(6, caddy.calls, "every call reached Caddy");
    }

    @Test
    void dockerReadsAreRetriedButCreatingAContainerIsNot() throws Exception {
        Docker docker = new Docker(3);
        ResilientEngine engine = new ResilientEngine(docker, QUICK, clock);

        assertEquals(List.of(), engine.list());
        assertEquals(3, docker.calls, "list: two failures, then an answer");

        docker.calls = 0;
        docker.failuresLeft = 1;
        assertThrows(EngineException.class, () -> engine.run(null, Slot.BLUE, "0".repeat(40)));
        assertEquals(1, docker.calls, "a create that may have half happened is not repeated");
    }

    @Test
    void aMissingImageIsNotRetried() {
        Docker docker = new Docker(0);
        docker.missingImage = true;

        assertThrows(EngineException.class, () -> new ResilientEngine(docker, QUICK, clock).ensureImage("web", "acme/web:9"));

        assertEquals(1, docker.calls);
    }

    @Test
    void anUnreachableRemoteIsRetriedThenLeftAloneWhileTheBreakerIsOpen() {
        Git git = new Git(Reason.UNREACHABLE);
        ResilientSource source = new ResilientSource(git, QUICK, clock);

        assertThrows(RepositoryException.class, source::fetchTip);
        assertEquals(3, git.fetches);
        assertThrows(RepositoryException.class, source::fetchTip);
        assertEquals(4, git.fetches, "the fourth failure in a row opened the breaker");

        RepositoryException open = assertThrows(RepositoryException.class, source::fetchTip);
        assertEquals(4, git.fetches, "not asked while open");
        assertTrue(open.isTransient(), "the reconciler counts it as a failed fetch");
    }

    @Test
    void authenticationFailuresAreNotRetried() {
        Git git = new Git(Reason.AUTHENTICATION_FAILED);

        RepositoryException e = assertThrows(RepositoryException.class, () -> new ResilientSource(git, QUICK, clock).fetchTip());

        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("AUTHENTICATION_FAILED"), e.getMessage());
        assertEquals(1, git.fetches);
    }

    private static ProxyException unreachable() {
        return new ProxyException("cannot reach Caddy's admin API at http://127.0.0.1:1: is caddy running?", null, true);
    }

    /** A Caddy admin API that fails with the queued exceptions, then answers. */
    static final class Caddy implements RouteProxy {
        final Deque<ProxyException> failures = new ArrayDeque<>();
        int calls;

        Caddy(ProxyException... failures) {
            this.failures.addAll(List.of(failures));
        }

        public Optional<RouteTable> current() throws ProxyException {
            answer();
            return Optional.empty();
        }

        public void apply(RouteTable table) throws ProxyException {
            answer();
        }

        private void answer() throws ProxyException {
            calls++;
            if (!failures.isEmpty()) {
                throw failures.pop();
            }
        }
    }

    /** A daemon that drops the connection {@code failuresLeft} times, then answers. */
    static final class Docker implements ContainerEngine {
        int failuresLeft;
        int calls;
        boolean missingImage;

        Docker(int failures) {
            this.failuresLeft = failures - 1;
        }

        private void answer() throws EngineException {
            calls++;
            if (failuresLeft-- > 0) {
                throw new EngineException("cannot reach Docker at unix:///var/run/docker.sock", null, true);
            }
        }

        public List<LiveContainer> list() throws EngineException {
            answer();
            return List.of();
        }

        public Optional<LiveContainer> inspect(String id) throws EngineException {
            answer();
            return Optional.empty();
        }

        public void ensureImage(String service, String image) throws EngineException {
            answer();
            if (missingImage) {
                throw new EngineException("service " + service + ": image " + image + " is not on this host");
            }
        }

        public LiveContainer run(Service spec, Slot slot, String revision) throws EngineException {
            answer();
            throw new AssertionError("not reached in these tests");
        }

        public LiveContainer start(String id) throws EngineException {
            answer();
            throw new AssertionError("not reached in these tests");
        }

        public void stopAndRemove(String id, Duration grace) throws EngineException {
            answer();
        }

        public String logTail(String id, int lines) {
            return "";
        }
    }

    /** A remote that always fails the same way. */
    static final class Git implements CommitSource {
        final Reason reason;
        int fetches;

        Git(Reason reason) {
            this.reason = reason;
        }

        public String fetchTip() throws RepositoryException {
            fetches++;
            throw new RepositoryException("fetch failed: " + reason, null, reason.isTransient(), false);
        }

        public Optional<byte[]> manifestAt(String commit) {
            return Optional.empty();
        }

        public String manifestPath() {
            return "driftless.yaml";
        }
    }
}
