package io.driftless.desired;

import static io.driftless.testing.Manifests.assertOnlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.driftless.testing.Manifests;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keys a service uses to ask for more of the host: privileged, network, pid, capabilities, devices, user.
 * MINIMAL's service {@code web} starts on line 3; keys appended to it are on line 7.
 */
class HostAccessRulesTest {
    private static final String WEB = Manifests.MINIMAL;
    private static final String WORKER = "version: 1\nservices:\n  job:\n    image: acme/job:1\n";

    private static HostAccess access(String yaml, String service) {
        return Manifests.parse(yaml).services().get(service).hostAccess();
    }

    @Test
    void aServiceThatSaysNothingAsksForNothing() {
        assertEquals(HostAccess.NONE, access(WEB, "web"));
        assertEquals(HostAccess.NONE, access(WEB + "    privileged: false\n    network: agent\n    pid: container\n", "web"));
    }

    @Test
    void everyKeyIsBound() {
        HostAccess access = access(WORKER + """
                    privileged: true
                    network: host
                    pid: host
                    capabilities:
                      add: [NET_ADMIN, SYS_TIME]
                      drop: [ALL]
                    devices: [/dev/fuse, /dev/net/tun]
                    user: 1000:1000
                """, "job");

        assertEquals(new HostAccess(true, true, true, List.of("NET_ADMIN", "SYS_TIME"), List.of("ALL"),
                List.of("/dev/fuse", "/dev/net/tun"), "1000:1000"), access);
    }

    @Test
    void privilegedIsTrueOrFalse() {
        assertOnlyError(WEB + "    privileged: \"yes please\"\n", 7, 17,
                "services.web.privileged: expected true or false, found the text \"yes please\"");
    }

    @Test
    void networkIsTheAgentsOrTheHosts() {
        assertOnlyError(WEB + "    network: bridge\n", 7, 14, "services.web.network: \"bridge\" is not one of agent, host");
        assertOnlyError(WEB + "    pid: hots\n", 7, 10, "services.web.pid: \"hots\" is not one of container, host; did you mean host?");
    }

    @Test
    void hostNetworkMeansRecreateAndNoRoutes() {
        Service web = Manifests.parse(WEB + "    network: host\n").services().get("web");
        assertEquals(Service.Strategy.RECREATE, web.rollout().strategy(), "blue-green is the default only off the host network");

        assertOnlyError(WEB + "    network: host\n    rollout: {strategy: blue-green}\n", 8, 25,
                "services.web.rollout.strategy: blue-green runs the old and the new container side by side, which cannot "
                        + "both use the host's ports with network: host; set strategy: recreate, or remove network: host");
        assertOnlyError(WEB + "    network: host\n    routes: [{path: /*}]\n", 8, 5,
                "services.web.routes: a service on the host's network (network: host) cannot take routes");
    }

    @Test
    void capabilitiesAreKnownNamesAddedOrDroppedOnce() {
        assertOnlyError(WEB + "    capabilities: {add: [NET_ADMN]}\n", 7, 26,
                "services.web.capabilities.add[0]: \"NET_ADMN\" is not a Linux capability; did you mean NET_ADMIN?");
        assertOnlyError(WEB + "    capabilities: {add: [FLY]}\n", 7, 26,
                "\"FLY\" is not a Linux capability; names look like NET_ADMIN or SYS_TIME (or ALL)");
        assertOnlyError(WEB + "    capabilities: {add: [cap_net_admin]}\n", 7, 26,
                "services.web.capabilities.add[0]: \"cap_net_admin\" is written NET_ADMIN here (capitals, without CAP_)");
        assertOnlyError(WEB + "    capabilities:\n      add: [NET_ADMIN]\n      drop: [SYS_TIME, NET_ADMIN]\n", 9, 24,
                "services.web.capabilities.drop[1]: NET_ADMIN is also added on line 8; a capability is either added or dropped");
        assertOnlyError(WEB + "    capabilities:\n      drop:\n        - ALL\n        - ALL\n", 10, 11,
                "services.web.capabilities.drop[1]: ALL is already listed on line 9");
        assertOnlyError(WEB + "    capabilities: {add: NET_ADMIN}\n", 7, 25,
                "services.web.capabilities.add: expected a list, for example [NET_ADMIN, SYS_TIME]");
        assertOnlyError(WEB + "    capabilities: {ad: [NET_ADMIN]}\n", 7, 20,
                "services.web.capabilities.ad: unknown key; did you mean add? Allowed here: add, drop");
    }

    @Test
    void devicesArePlainPathsUnderDev() {
        assertOnlyError(WEB + "    devices: [/etc/shadow]\n", 7, 15,
                "services.web.devices[0]: \"/etc/shadow\" is not a device path; list host device files under /dev");
        assertOnlyError(WEB + "    devices: [/dev/../etc/shadow]\n", 7, 15, "is not a device path");
        assertOnlyError(WEB + "    devices: [/dev/./fuse]\n", 7, 15, "is not a device path");
        assertOnlyError(WEB + "    devices: [\"/dev//fuse\"]\n", 7, 15, "is not a device path");
        assertOnlyError(WEB + "    devices: [/dev/fuse/]\n", 7, 15, "is not a device path");
        assertOnlyError(WEB + "    devices: [\"/dev/fuse:/dev/fuse\"]\n", 7, 15, "is not a device path");
        assertOnlyError(WEB + "    devices: [/dev/fuse, /dev/fuse]\n", 7, 26, "services.web.devices[1]: /dev/fuse is already listed on line 7");
    }

    @Test
    void userIsANameOrNumberWithAnOptionalGroup() {
        assertEquals("app", access(WEB + "    user: app\n", "web").user());
        assertEquals("1000", access(WEB + "    user: 1000\n", "web").user());
        assertEquals("app:staff", access(WEB + "    user: app:staff\n", "web").user());
        assertOnlyError(WEB + "    user: \"root; rm -rf /\"\n", 7, 11,
                "services.web.user: \"root; rm -rf /\" is not a user; write a user name or number, optionally with a group");
        assertOnlyError(WEB + "    user: \"a:b:c\"\n", 7, 11, "is not a user");
        assertOnlyError(WEB + "    user: [1000]\n", 7, 11, "services.web.user: expected text, found a list");
    }

    @Test
    void everyWrongKeyIsReportedAtOnce() {
        List<ManifestError> errors = Manifests.errors(WEB + "    privileged: 1\n    pid: 2\n    devices: [x]\n    user: \"\"\n");
        assertEquals(List.of("7:17", "8:10", "9:15", "10:11"),
                errors.stream().map(e -> e.line() + ":" + e.column()).toList(), errors::toString);
    }
}
