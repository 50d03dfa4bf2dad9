package io.driftless.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import io.driftless.desired.HostAccess;
import io.driftless.desired.Service;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;
import io.driftless.rollout.EngineException;
import io.driftless.testing.Services;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerMapperTest {
    @Test
    void aListedContainerKeepsWhatNeverChangesAndTakesNameStateAndAddressFromTheList() throws Exception {
        LiveContainer known = new LiveContainer("abc", "i-web-blue", "web", Slot.BLUE, "spec1", REVISION, "acme/web:1", true,
                "172.18.0.2", Instant.parse("2026-11-21T03:00:00.123456789Z"));
        // Docker lists a re-tagged image by its id: the image stays the one configured, as inspect read it.
        var restarted = JSON.readValue("""
                {"Id": "abc", "Names": ["/i-web-blue-renamed"], "Image": "sha256:0123", "State": "running",
                 "HostConfig": {"NetworkMode": "i"}, "NetworkSettings": {"Networks": {"i": {"IPAddress": "172.18.0.9"}}}}
                """, com.github.dockerjava.api.model.Container.class);
        var stopped = JSON.readValue("""
                {"Id": "abc", "Names": ["/i-web-blue"], "State": "exited", "NetworkSettings": {"Networks": {"i": {"IPAddress": ""}}}}
                """, com.github.dockerjava.api.model.Container.class);
        var paused = JSON.readValue("""
                {"Id": "abc", "Names": ["/i-web-blue"], "State": "paused"}
                """, com.github.dockerjava.api.model.Container.class);
        var hostNetwork = JSON.readValue("""
                {"Id": "abc", "Names": ["/i-web-blue"], "State": "running", "HostConfig": {"NetworkMode": "host"}}
                """, com.github.dockerjava.api.model.Container.class);
        var stateless = JSON.readValue("""
                {"Id": "abc", "Names": ["/i-web-blue"]}
                """, com.github.dockerjava.api.model.Container.class);

        assertEquals(new LiveContainer("abc", "i-web-blue-renamed", "web", Slot.BLUE, "spec1", REVISION, "acme/web:1", true,
                "172.18.0.9", known.created()), ContainerMapper.refreshed(known, restarted, "i").orElseThrow());
        LiveContainer down = ContainerMapper.refreshed(known, stopped, "i").orElseThrow();
        assertFalse(down.running());
        assertEquals(null, down.address());
        assertFalse(ContainerMapper.refreshed(known, paused, "i").orElseThrow().running(), "paused is not running, as inspect says");
        assertEquals("127.0.0.1", ContainerMapper.refreshed(known, hostNetwork, "i").orElseThrow().address());
        assertTrue(ContainerMapper.refreshed(known, stateless, "i").isEmpty(), "no state in the list: inspect it");
    }

    private static final String REVISION = "c".repeat(40);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Service web(List<String> command, List<String> volumes) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("APP_ENV", "production");
        env.put("GREETING", "a=b");
        return Services.named("web").image("registry.example.com/acme/web:1.4.2").port(8080).env(env).command(command)
                .volumes(volumes).build();
    }

    @Test
    void newContainerCarriesNameOwnershipLabelsEnvAndBinds() throws EngineException {
        Service spec = web(List.of("/app/server", "--port", "8080"), List.of("uploads:/srv/uploads", "/etc/app:/etc/app:ro"));
        NewContainer request = ContainerMapper.newContainer("prod", "prod-net", spec, Slot.GREEN, REVISION);

        assertEquals(new NewContainer("prod-web-green", "registry.example.com/acme/web:1.4.2",
                List.of("APP_ENV=production", "GREETING=a=b"), List.of("/app/server", "--port", "8080"),
                List.of("uploads:/srv/uploads:rw", "/etc/app:/etc/app:ro"),
                Map.of("io.driftless.managed", "true", "io.driftless.instance", "prod", "io.driftless.service", "web",
                        "io.driftless.slot", "green", "io.driftless.spec", spec.specHash(), "io.driftless.revision", REVISION),
                "prod-net", 8080), request);
    }

    @Test
    void hostAccessReachesTheCreateRequest() throws EngineException {
        HostAccess access = new HostAccess(true, true, true, List.of("NET_ADMIN", "SYS_TIME"), List.of("ALL"),
                List.of("/dev/fuse"), "1000:1000");
        Service job = Services.named("job").image("acme/job:1").drain(Duration.ZERO).monitor(Duration.ZERO)
                .hostAccess(access).build();

        NewContainer request = ContainerMapper.newContainer("prod", "prod-net", job, Slot.BLUE, REVISION);

        assertEquals("host", request.network(), "network: host replaces the agent's network");
        assertEquals(new NewContainer.Host(true, "host", List.of("NET_ADMIN", "SYS_TIME"), List.of("ALL"),
                List.of("/dev/fuse"), "1000:1000"), request.host());
        HostConfig host = ContainerCommands.hostConfig(request);
        assertEquals("host", host.getNetworkMode());
        assertEquals(Boolean.TRUE, host.getPrivileged());
        assertEquals("host", host.getPidMode());
        assertArrayEquals(new Capability[]{Capability.NET_ADMIN, Capability.SYS_TIME}, host.getCapAdd());
        assertArrayEquals(new Capability[]{Capability.ALL}, host.getCapDrop());
        assertEquals(1, host.getDevices().length);
        assertEquals("/dev/fuse", host.getDevices()[0].getPathOnHost());
        assertEquals("/dev/fuse", host.getDevices()[0].getPathInContainer());
        assertEquals("rwm", host.getDevices()[0].getcGroupPermissions());
    }

    @Test
    void anOrdinaryServiceGetsNothingOfTheHost() throws EngineException {
        NewContainer request = ContainerMapper.newContainer("prod", "prod-net", web(null, List.of()), Slot.BLUE, REVISION);

        assertEquals(NewContainer.Host.NONE, request.host());
        HostConfig host = ContainerCommands.hostConfig(request);
        assertEquals("prod-net", host.getNetworkMode());
        assertEquals(Boolean.FALSE, host.getPrivileged());
        assertEquals(null, host.getPidMode());
        assertArrayEquals(new Capability[0], host.getCapAdd());
        assertArrayEquals(new Capability[0], host.getCapDrop());
        assertArrayEquals(new Device[0], host.getDevices());
        assertEquals(Boolean.TRUE, host.getInit());
    }

    @Test
    void aContainerOnTheHostsNetworkIsReachedOnLoopback() throws Exception {
        String json = INSPECTED.formatted("running", true, false, "fixture", "green")
                .replace("\"NetworkSettings\": {\"Networks\": {\"fixture\": {\"IPAddress\": \"172.18.0.2\", \"Gateway\": \"172.18.0.1\"}}}",
                        "\"HostConfig\": {\"NetworkMode\": \"host\"}, \"NetworkSettings\": {\"Networks\": {\"host\": {\"IPAddress\": \"\"}}}");
        LiveContainer live = ContainerMapper.fromInspect(JSON.readValue(json, InspectContainerResponse.class), "fixture", "fixture")
                .orElseThrow();
        assertEquals("127.0.0.1", live.address());
    }

    @Test
    void noCommandKeepsTheImagesOwn() throws EngineException {
        assertEquals(null, ContainerMapper.newContainer("prod", "prod", web(null, List.of()), Slot.BLUE, REVISION).command());
    }

    @Test
    void relativeHostPathIsRejectedNamingServiceAndVolume() {
        var e = assertThrows(EngineException.class, () -> ContainerMapper.binds("web", List.of("./data:/data")));
        assertEquals("service web: volume \"./data:/data\" has the relative source \"./data\"; use an absolute host path"
                + " or a named volume", e.getMessage());
    }

    @Test
    void volumeWithoutDestinationOrWithUnknownModeIsRejected() {
        assertThrows(EngineException.class, () -> ContainerMapper.binds("web", List.of("uploads")));
        assertThrows(EngineException.class, () -> ContainerMapper.binds("web", List.of("uploads:/srv:rx")));
        var e = assertThrows(EngineException.class, () -> ContainerMapper.binds("web", List.of("uploads:srv")));
        assertTrue(e.getMessage().contains("mounts at \"srv\", but the path inside the container must be absolute"),
                e.getMessage());
    }

    // Trimmed from `docker inspect` of a container on Docker 20.10.
    private static final String INSPECTED = """
            {"Id": "aa26a6aec37f43380a6200b7ac9f8b016f49600748875e9284be9b77a0dcc91d",
             "Created": "2026-11-21T23:11:13.360511664Z",
             "Name": "/fixture-web-green",
             "State": {"Status": "%s", "Running": %s, "Paused": false, "Restarting": %s, "ExitCode": 0},
             "Config": {"Image": "driftless-demo/app:v1", "Cmd": ["/app/start"],
               "Labels": {"io.driftless.instance": "%s", "io.driftless.managed": "true",
                 "io.driftless.revision": "cccccccccccccccccccccccccccccccccccccccc",
                 "io.driftless.service": "web", "io.driftless.slot": "%s", "io.driftless.spec": "0123456789abcdef"}},
             "NetworkSettings": {"Networks": {"fixture": {"IPAddress": "172.18.0.2", "Gateway": "172.18.0.1"}}}}
            """;

    private static InspectContainerResponse inspected(String status, boolean running, boolean restarting,
                                                      String instance, String slot) throws Exception {
        return JSON.readValue(INSPECTED.formatted(status, running, restarting, instance, slot), InspectContainerResponse.class);
    }

    @Test
    void runningContainerIsRebuiltFromLabelsAndState() throws Exception {
        Optional<LiveContainer> live = ContainerMapper.fromInspect(inspected("running", true, false, "fixture", "green"), "fixture", "fixture");

        assertEquals(Optional.of(new LiveContainer("aa26a6aec37f43380a6200b7ac9f8b016f49600748875e9284be9b77a0dcc91d",
                "fixture-web-green", "web", Slot.GREEN, "0123456789abcdef", REVISION, "driftless-demo/app:v1", true,
                "172.18.0.2", Instant.parse("2026-11-21T23:11:13.360511664Z"))), live);
    }

    @Test
    void restartingContainerIsNotRunningAndHasNoAddress() throws Exception {
        LiveContainer live = ContainerMapper.fromInspect(inspected("restarting", true, true, "fixture", "green"), "fixture", "fixture").orElseThrow();
        assertFalse(live.running());
        assertEquals(null, live.address());
    }

    @Test
    void addressIsOnlyTakenFromTheAgentsNetwork() throws Exception {
        LiveContainer live = ContainerMapper.fromInspect(inspected("running", true, false, "fixture", "green"), "fixture", "other-net").orElseThrow();
        assertTrue(live.running());
        assertEquals(null, live.address());
    }

    @Test
    void containerOfAnotherInstanceIsNotOurs() throws Exception {
        assertEquals(Optional.empty(), ContainerMapper.fromInspect(inspected("running", true, false, "staging", "green"), "fixture", "fixture"));
    }

    @Test
    void containerWithAHandEditedSlotIsSkippedWithAReason() throws Exception {
        assertEquals(Optional.empty(), ContainerMapper.fromInspect(inspected("running", true, false, "fixture", "purple"), "fixture", "fixture"));
        assertEquals(Optional.of("label io.driftless.slot is 'purple', not blue or green"),
                ContainerMapper.brokenLabels(Map.of("io.driftless.service", "web", "io.driftless.slot", "purple")));
    }
}
