package io.driftless.docker;

import io.driftless.live.Labels;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;
import io.driftless.rollout.EngineException;
import io.driftless.testing.AppImages;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.driftless.docker.DockerTestbed.REVISION;
import static io.driftless.docker.DockerTestbed.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DockerEngine against the real dockerd: what it refuses, what it never touches, how it fails. */
@Integration
class DockerEngineOwnershipTest {
    private DockerTestbed bed;

    @BeforeAll
    static void images() {
        AppImages.ensure("v1");
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
    void missingImageFailsFastWithAClearMessageAndChangesNothing() {
        long start = System.nanoTime();
        var e = assertThrows(EngineException.class,
                () -> bed.engine.ensureImage("web", "registry.example.com/acme/web:1.4.2"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(e.getMessage().startsWith("service web: image registry.example.com/acme/web:1.4.2 is not on this host"
                + " and could not be pulled ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); build or push it, or fix the tag"), e.getMessage());
        assertTrue(e.getMessage().contains("registry.example.com/v2/"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(tookMillis < 5000, "took " + tookMillis + " ms");
        assertEquals(List.of(), bed.listed());
        assertFalse(bed.networkExists(bed.instance));
    }

    @Test
    void presentImageNeedsNoPull() throws Exception {
        String image = AppImages.ref("v1");
        String id = bed.raw.inspectImageCmd(image).exec().getId();
        Instant before = Instant.now();

        bed.engine.ensureImage("web", image);

        assertEquals(List.of(), bed.pulls(image, before, Instant.now()), "the image on the host was used as it is");
        assertEquals(id, bed.raw.inspectImageCmd(image).exec().getId());
        assertEquals(List.of(), bed.listed());
        assertFalse(bed.networkExists(bed.instance), "looking for an image creates nothing");
    }

    @Test
    void stopAndRemoveIsFastAndIdempotent() throws Exception {
        LiveContainer web = bed.engine.run(service("web", "v1", 8080), Slot.BLUE, REVISION);

        long start = System.nanoTime();
        bed.engine.stopAndRemove(web.id(), Duration.ofSeconds(10));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis < 3000, "SIGTERM should stop it at once (init: true), took " + tookMillis + " ms");
        assertEquals(Optional.empty(), bed.engine.inspect(web.id()));
        assertEquals(List.of(), bed.engine.list());
        bed.engine.stopAndRemove(web.id(), Duration.ofSeconds(10));
        bed.engine.stopAndRemove("no-such-container-" + bed.instance, Duration.ofSeconds(1));
    }

    @Test
    void crashedContainerIsRemovedToo() throws Exception {
        AppImages.ensure("v1-crash");
        LiveContainer crashed = bed.engine.run(service("web", "v1-crash", 8080), Slot.BLUE, REVISION);
        bed.engine.stopAndRemove(crashed.id(), Duration.ofSeconds(5));
        assertEquals(List.of(), bed.engine.list());
    }

    @Test
    void unmanagedContainersAreNeverListedInspectedOrRemoved() throws Exception {
        String bare = bed.raw.createContainerCmd(AppImages.ref("v1")).withName(bed.instance + "-unlabelled").exec().getId();
        String notManaged = bed.raw.createContainerCmd(AppImages.ref("v1")).withName(bed.instance + "-not-managed")
                .withLabels(Map.of(Labels.MANAGED, "false", Labels.INSTANCE, bed.instance, Labels.SERVICE, "web",
                        Labels.SLOT, "blue"))
                .exec().getId();
        bed.raw.startContainerCmd(bare).exec();
        bed.raw.startContainerCmd(notManaged).exec();

        assertEquals(List.of(), bed.engine.list());
        assertEquals(Optional.empty(), bed.engine.inspect(bare));
        var refused = assertThrows(EngineException.class, () -> bed.engine.stopAndRemove(bare, Duration.ofSeconds(1)));
        assertEquals("refusing to remove container " + bed.instance
                + "-unlabelled: it is not managed by driftless instance " + bed.instance, refused.getMessage());
        assertThrows(EngineException.class, () -> bed.engine.start(notManaged));
        assertTrue(bed.raw.inspectContainerCmd(bare).exec().getState().getRunning());
        assertTrue(bed.raw.inspectContainerCmd(notManaged).exec().getState().getRunning());
    }

    @Test
    void containersOfAnotherInstanceAreNotListed() throws Exception {
        DockerEngine other = bed.engine(bed.instance + "-other");
        LiveContainer theirs = other.run(service("web", "v1", 8080), Slot.BLUE, REVISION);
        LiveContainer ours = bed.engine.run(service("web", "v1", 8080), Slot.BLUE, REVISION);

        assertEquals(List.of(ours), bed.engine.list());
        assertEquals(List.of(theirs), other.list());
        assertEquals(Optional.empty(), bed.engine.inspect(theirs.id()));
        assertThrows(EngineException.class, () -> bed.engine.stopAndRemove(theirs.id(), Duration.ofSeconds(1)));
    }

    @Test
    void leftoverWithTheSameNameIsReportedNotReplaced() throws Exception {
        LiveContainer first = bed.engine.run(service("web", "v1", 8080), Slot.GREEN, REVISION);
        var e = assertThrows(EngineException.class, () -> bed.engine.run(service("web", "v1", 8080), Slot.GREEN, REVISION));

        assertEquals("service web: creating container " + bed.instance + "-web-green: a container with that name"
                + " already exists (left over from an earlier run?); remove it first", e.getMessage());
        assertEquals(List.of(first.id()), bed.engine.list().stream().map(LiveContainer::id).toList());
    }

    @Test
    void containerDockerCannotStartLeavesNothingBehind() {
        // A file mounted over a directory: create accepts it, start refuses it.
        var broken = service("web", AppImages.ref("v1"), 8080, Map.of(), null, List.of("/etc/hostname:/www:ro"));
        var e = assertThrows(EngineException.class, () -> bed.engine.run(broken, Slot.BLUE, REVISION));

        assertTrue(e.getMessage().startsWith("service web: container " + bed.instance + "-web-blue was created but did not start: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(List.of(), bed.listed());
    }

    @Test
    void commandTheImageLacksExitsAndTheLogTailSaysWhy() throws Exception {
        // With init: true, tini starts fine and reports the failed exec itself, so this is a crash, not a refusal.
        var broken = service("web", AppImages.ref("v1"), 8080, Map.of(), List.of("/no/such/binary"), List.of());
        LiveContainer container = bed.engine.run(broken, Slot.BLUE, REVISION);

        DockerTestbed.await("the container with a missing binary is not running", Duration.ofSeconds(10),
                () -> bed.listed().stream().noneMatch(LiveContainer::running));
        assertTrue(bed.engine.logTail(container.id(), 10).contains("/no/such/binary"), bed.engine.logTail(container.id(), 10));
    }

    @Test
    void daemonThatIsNotThereIsNamedWithWhatToDo() {
        URI nowhere = URI.create("unix:///tmp/" + bed.instance + "-no-docker.sock");
        try (DockerEngine engine = DockerEngine.connect(new DockerSettings(nowhere, bed.instance, bed.instance,
                DockerSettings.DEFAULT_PULL_TIMEOUT))) {
            var e = assertThrows(EngineException.class, engine::list);
            assertEquals("cannot reach Docker at " + nowhere + ": is dockerd running? (scripts/components.sh starts it)",
                    e.getMessage());
        }
        URI refused = URI.create("tcp://127.0.0.1:1");
        try (DockerEngine engine = DockerEngine.connect(new DockerSettings(refused, bed.instance, bed.instance,
                DockerSettings.DEFAULT_PULL_TIMEOUT))) {
            var e = assertThrows(EngineException.class, engine::serverVersion);
            assertTrue(e.getMessage().startsWith("cannot reach Docker at tcp://127.0.0.1:1: "), e.getMessage());
        }
    }
}
