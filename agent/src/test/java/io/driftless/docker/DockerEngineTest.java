package io.driftless.docker;

import com.github.dockerjava.api.model.Bind;
import io.driftless.desired.Service;
import io.driftless.live.Labels;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;
import io.driftless.testing.AppImages;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.driftless.docker.DockerTestbed.REVISION;
import static io.driftless.docker.DockerTestbed.await;
import static io.driftless.docker.DockerTestbed.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DockerEngine against the real dockerd: running, observing and restarting the agent's containers. */
@Integration
class DockerEngineTest {
    private DockerTestbed bed;

    @BeforeAll
    static void images() {
        AppImages.ensure("v1", "v2-unhealthy", "v1-nohealth", "v1-slow3", "v1-boot5", "v1-crash", "v1-worker");
    }

    @BeforeEach
    void setUp() {
        bed = new DockerTestbed();
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    @Test
    void runStartsServiceInBlueAndListShowsItWithLabelsAndAddress() throws Exception {
        Service web = service("web", "v1", 8080);
        LiveContainer started = bed.engine.run(web, Slot.BLUE, REVISION);

        assertEquals(bed.instance + "-web-blue", started.name());
        assertEquals("web", started.service());
        assertEquals(Slot.BLUE, started.slot());
        assertEquals(web.specHash(), started.spec());
        assertEquals(REVISION, started.revision());
        assertEquals(AppImages.ref("v1"), started.image());
        assertTrue(started.running());
        assertNotNull(started.address());
        assertNotNull(started.created());
        assertEquals(List.of(started), bed.engine.list());
        assertEquals("app v1\n", bed.getWhenUp("http://" + started.address() + ":8080/").body());

        var raw = bed.raw.inspectContainerCmd(started.id()).exec();
        assertEquals(Boolean.TRUE, raw.getHostConfig().getInit());
        assertEquals("unless-stopped", raw.getHostConfig().getRestartPolicy().getName());
        assertEquals(bed.instance, raw.getHostConfig().getNetworkMode());
        var network = bed.raw.inspectNetworkCmd().withNetworkId(bed.instance).exec();
        assertEquals("bridge", network.getDriver());
        assertEquals(Map.of(Labels.MANAGED, "true", Labels.INSTANCE, bed.instance), network.getLabels());
    }

    @Test
    void aListAfterTheFirstSeesAStopARestartAndARenameAsAnInspectDoes() throws Exception {
        LiveContainer web = bed.engine.run(service("web", "v1", 8080), Slot.BLUE, REVISION);
        assertEquals(List.of(web), bed.engine.list());
        bed.raw.stopContainerCmd(web.id()).withTimeout(1).exec();

        LiveContainer stopped = bed.engine.list().getFirst();
        assertFalse(stopped.running());
        assertNull(stopped.address());
        assertEquals(web.created(), stopped.created());

        bed.raw.startContainerCmd(web.id()).exec();
        bed.raw.renameContainerCmd(web.id()).withName(bed.instance + "-web-blue-x").exec();
        LiveContainer again = bed.engine.list().getFirst();
        assertTrue(again.running());
        assertEquals(bed.engine.inspect(web.id()).orElseThrow(), again, "the list says what an inspect says");
    }

    @Test
    void candidatesCreatedAtOnceShareOneNetwork() throws Exception {
        // The executor creates candidates of several services at once; the daemon's duplicate-name check is best effort.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<LiveContainer>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Service s = service("p" + i, "v1", 8080);
                runs.add(pool.submit(() -> bed.engine.run(s, Slot.BLUE, REVISION)));
            }
            for (var run : runs) {
                assertTrue(run.get().running());
            }
        } finally {
            pool.shutdown();
        }
        var named = bed.raw.listNetworksCmd().withNameFilter(bed.instance).exec().stream()
                .filter(n -> n.getName().equals(bed.instance)).toList();
        assertEquals(1, named.size(), "one network named " + bed.instance + ": " + named);
        assertEquals(4, bed.engine.list().size());
    }

    @Test
    void healthEndpointOfEachImageVariantAnswersAsItsTagSays() throws Exception {
        String healthy = bed.engine.run(service("ok", "v1", 8080), Slot.BLUE, REVISION).address();
        String sick = bed.engine.run(service("sick", "v2-unhealthy", 8080), Slot.BLUE, REVISION).address();
        String none = bed.engine.run(service("none", "v1-nohealth", 8080), Slot.BLUE, REVISION).address();
        String slow = bed.engine.run(service("slow", "v1-slow3", 8080), Slot.GREEN, REVISION).address();

        assertEquals(new DockerTestbed.Answer(200, "ok\n"), bed.getWhenUp("http://" + healthy + ":8080/cgi-bin/healthz"));
        assertEquals(new DockerTestbed.Answer(500, "unhealthy\n"), bed.getWhenUp("http://" + sick + ":8080/cgi-bin/healthz"));
        assertEquals("app v2\n", bed.get("http://" + sick + ":8080/").body());
        assertEquals(404, bed.getWhenUp("http://" + none + ":8080/cgi-bin/healthz").status());
        assertEquals(new DockerTestbed.Answer(503, "starting\n"), bed.getWhenUp("http://" + slow + ":8080/cgi-bin/healthz"));
        await("slow app turns healthy after 3 s", Duration.ofSeconds(8),
                () -> bed.get("http://" + slow + ":8080/cgi-bin/healthz").status() == 200);
    }

    @Test
    void bootingAppListensOnNothingUntilItHasBooted() throws Exception {
        LiveContainer booting = bed.engine.run(service("boot", "v1-boot5", 8080), Slot.BLUE, REVISION);
        long started = System.nanoTime();

        AssertionError refused = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> bed.get("http://" + booting.address() + ":8080/"), "nothing listens while it boots");
        assertTrue(refused.getMessage().contains("ConnectException"), refused.getMessage());
        await("the booting app answers once it has booted", Duration.ofSeconds(20),
                () -> answers("http://" + booting.address() + ":8080/"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis >= 4000, "answered after " + tookMillis + " ms, before its 5 s boot");
        assertEquals(new DockerTestbed.Answer(200, "ok\n"), bed.get("http://" + booting.address() + ":8080/cgi-bin/healthz"),
                "healthy as soon as it listens");
        assertTrue(bed.engine.logTail(booting.id(), 5).contains("booting for 5s"), bed.engine.logTail(booting.id(), 5));
    }

    private boolean answers(String url) {
        try {
            return bed.get(url).body().equals("app v1\n");
        } catch (AssertionError notYet) {
            return false;
        }
    }

    @Test
    void slowEndpointHoldsTheRequestForTheAskedTime() throws Exception {
        String address = bed.engine.run(service("web", "v1", 8080), Slot.BLUE, REVISION).address();
        bed.getWhenUp("http://" + address + ":8080/");
        long start = System.nanoTime();
        assertEquals(new DockerTestbed.Answer(200, "app v1\n"), bed.get("http://" + address + ":8080/cgi-bin/slow?ms=600"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis >= 550 && tookMillis < 3000, "took " + tookMillis + " ms");
    }

    @Test
    void crashingAppIsNotRunningAndItsLogTailSaysWhy() throws Exception {
        LiveContainer crashed = bed.engine.run(service("web", "v1-crash", 8080), Slot.GREEN, REVISION);

        await("the crashed container is reported not running", Duration.ofSeconds(10),
                () -> bed.listed().stream().noneMatch(LiveContainer::running));
        assertTrue(bed.engine.logTail(crashed.id(), 20).contains("fatal: config missing"), bed.engine.logTail(crashed.id(), 20));
    }

    @Test
    void workerWithoutPortRunsItsLoopAndLogs() throws Exception {
        LiveContainer worker = bed.engine.run(service("worker", "v1-worker", null), Slot.BLUE, REVISION);
        assertTrue(worker.running());
        await("the worker logs a tick", Duration.ofSeconds(5), () -> bed.engine.logTail(worker.id(), 5).contains("tick"));
    }

    @Test
    void envCommandAndVolumesReachTheContainer() throws Exception {
        String data = bed.volume("data");
        Service custom = service("job", AppImages.ref("v1"), null, Map.of("GREETING", "hello from env"),
                List.of("/bin/sh", "-c", "echo \"$GREETING\" > /data/greeting; cat /data/greeting; sleep 60"),
                List.of(data + ":/data", "/etc/hostname:/host-hostname:ro"));
        LiveContainer job = bed.engine.run(custom, Slot.BLUE, REVISION);

        await("the command echoes the env", Duration.ofSeconds(5), () -> bed.engine.logTail(job.id(), 5).contains("hello from env"));
        var binds = Arrays.stream(bed.raw.inspectContainerCmd(job.id()).exec().getHostConfig().getBinds()).map(Bind::toString).toList();
        assertEquals(List.of(data + ":/data:rw", "/etc/hostname:/host-hostname:ro"), binds);
    }

    @Test
    void startBringsAStoppedContainerBackWithAnAddress() throws Exception {
        LiveContainer web = bed.engine.run(service("web", "v1", 8080), Slot.BLUE, REVISION);
        bed.raw.stopContainerCmd(web.id()).withTimeout(5).exec();
        LiveContainer stopped = bed.engine.inspect(web.id()).orElseThrow();
        assertFalse(stopped.running());
        assertNull(stopped.address());

        LiveContainer again = bed.engine.start(web.id());
        assertTrue(again.running());
        assertNotNull(again.address());
        assertEquals("app v1\n", bed.getWhenUp("http://" + again.address() + ":8080/").body());
    }

    @Test
    void logTailOfAGoneContainerIsEmptyNotAnError() {
        assertEquals("", bed.engine.logTail("no-such-container-" + bed.instance, 10));
    }
}
