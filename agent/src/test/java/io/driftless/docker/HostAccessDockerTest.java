package io.driftless.docker;

import io.driftless.desired.HostAccess;
import io.driftless.desired.Service;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;
import io.driftless.testing.AppImages;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.Services;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static io.driftless.docker.DockerTestbed.REVISION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a manifest's host access asks for really reaches the container, against the real dockerd. */
@Integration
class HostAccessDockerTest {
    /** Bit numbers in the kernel's capability masks (linux/capability.h). */
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_NET_RAW = 13;

    private DockerTestbed bed;

    @BeforeEach
    void setUp() {
        AppImages.ensure("v1-worker");
        bed = new DockerTestbed();
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    @Test
    void addedAndDroppedCapabilitiesAndTheUserReachTheContainersProcess() throws Exception {
        HostAccess access = new HostAccess(false, false, false, List.of("NET_ADMIN"), List.of("NET_RAW"), List.of(),
                "1000:1000");
        Service job = Services.named("job").image(AppImages.ref("v1-worker")).drain(Duration.ZERO).monitor(Duration.ZERO)
                .hostAccess(access).build();

        LiveContainer c = bed.engine.run(job, Slot.BLUE, REVISION);

        assertTrue(c.running());
        assertEquals(job.specHash(), c.spec());
        // PID 1 (tini) and the app under it run with what the container was given: read the kernel's view.
        String status = E2eHost.docker("exec", c.name(), "cat", "/proc/1/status");
        assertTrue(status.contains("Uid:\t1000\t1000\t1000\t1000"), status);
        assertTrue(status.contains("Gid:\t1000\t1000\t1000\t1000"), status);
        BigInteger bounding = new BigInteger(line(status, "CapBnd:"), 16);
        assertTrue(bounding.testBit(CAP_NET_ADMIN), "NET_ADMIN is not in Docker's default set, so it was added: " + status);
        assertFalse(bounding.testBit(CAP_NET_RAW), "NET_RAW is in Docker's default set, so it was dropped: " + status);
    }

    private static String line(String status, String key) {
        return status.lines().filter(l -> l.startsWith(key)).findFirst().orElseThrow().substring(key.length()).strip();
    }
}
