package io.driftless.policy;

import io.driftless.desired.InvalidManifestException;
import io.driftless.desired.Manifest;
import io.driftless.desired.ManifestParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule of the host policy: refused by default, allowed by its own flag, and the refusal says where and what to do. */
class HostPolicyTest {
    private static final HostPolicy DEFAULT = new HostPolicy(Allowances.NOTHING, HostPaths.AS_WRITTEN);

    /** A manifest with one recreate worker {@code job} carrying {@code keys} (indented as service keys). */
    private static Manifest job(String keys) {
        try {
            return ManifestParser.parse("driftless.yaml", "version: 1\nservices:\n  job:\n    image: acme/job:1\n" + keys);
        } catch (InvalidManifestException e) {
            throw new AssertionError(e.errors().toString());
        }
    }

    private static Allowances allow(boolean privileged, boolean hostNetwork, boolean hostPid, Set<String> caps,
                                    Set<String> devices, List<String> folders, boolean socket) {
        return new Allowances(privileged, hostNetwork, hostPid, caps, devices, folders, socket);
    }

    private static String only(List<String> violations) {
        assertEquals(1, violations.size(), violations::toString);
        return violations.get(0);
    }

    @Test
    void anOrdinaryServiceWithNamedVolumesPassesTheDefaultPolicy() {
        assertEquals(List.of(), DEFAULT.violations(job("    volumes: [\"data:/data\", \"cache:/cache:ro\"]\n"
                + "    user: \"1000:1000\"\n    capabilities: {drop: [ALL], add: [NET_BIND_SERVICE, CHOWN]}\n")));
    }

    @Test
    void privilegedIsRefusedUnlessAllowed() {
        Manifest m = job("    privileged: true\n");
        assertEquals("service job: privileged: true gives the container every capability and every device of the host "
                + "(root on the host); refused by the host policy (allow with --allow-privileged in the agent's config, "
                + "never in the repository)", only(DEFAULT.violations(m)));
        assertEquals(List.of(), policy(allow(true, false, false, Set.of(), Set.of(), List.of(), false)).violations(m));
    }

    @Test
    void hostNetworkIsRefusedUnlessAllowed() {
        Manifest m = job("    network: host\n");
        String refusal = only(DEFAULT.violations(m));
        assertTrue(refusal.startsWith("service job: network: host puts the container in the host's network namespace"), refusal);
        assertTrue(refusal.contains("allow with --allow-host-network"), refusal);
        assertEquals(List.of(), policy(allow(false, true, false, Set.of(), Set.of(), List.of(), false)).violations(m));
    }

    @Test
    void hostPidIsRefusedUnlessAllowed() {
        Manifest m = job("    pid: host\n");
        String refusal = only(DEFAULT.violations(m));
        assertTrue(refusal.startsWith("service job: pid: host lets the container see and signal every process"), refusal);
        assertTrue(refusal.contains("allow with --allow-host-pid"), refusal);
        assertEquals(List.of(), policy(allow(false, false, true, Set.of(), Set.of(), List.of(), false)).violations(m));
    }

    @Test
    void addedCapabilitiesBeyondDockersDefaultsAreRefusedOneByOneUnlessAllowed() {
        Manifest m = job("    capabilities: {add: [CHOWN, NET_ADMIN, SYS_TIME]}\n");
        assertEquals(List.of(
                "service job: capabilities.add[1] adds NET_ADMIN, beyond what every Docker container has; refused by the "
                        + "host policy (allow with --allow-capability NET_ADMIN in the agent's config, never in the repository)",
                "service job: capabilities.add[2] adds SYS_TIME, beyond what every Docker container has; refused by the "
                        + "host policy (allow with --allow-capability SYS_TIME in the agent's config, never in the repository)"),
                DEFAULT.violations(m));
        assertEquals(List.of(policy(allow(false, false, false, Set.of("NET_ADMIN"), Set.of(), List.of(), false)).violations(m).get(0)),
                List.of(DEFAULT.violations(m).get(1)), "allowing NET_ADMIN leaves SYS_TIME refused");
        assertEquals(List.of(), policy(allow(false, false, false, Set.of("NET_ADMIN", "SYS_TIME"), Set.of(), List.of(), false)).violations(m));
        assertEquals(List.of(), policy(allow(false, false, false, Set.of("ALL"), Set.of(), List.of(), false)).violations(m));
        assertTrue(only(DEFAULT.violations(job("    capabilities: {add: [ALL]}\n"))).contains("--allow-capability ALL"));
    }

    @Test
    void devicesAreRefusedUnlessThatDeviceIsAllowed() {
        Manifest m = job("    devices: [/dev/fuse]\n");
        assertEquals("service job: devices[0] gives the container the host device /dev/fuse; refused by the host policy "
                + "(allow with --allow-device /dev/fuse in the agent's config, never in the repository)", only(DEFAULT.violations(m)));
        assertEquals(List.of(), policy(allow(false, false, false, Set.of(), Set.of("/dev/fuse"), List.of(), false)).violations(m));
        assertEquals(1, policy(allow(false, false, false, Set.of(), Set.of("/dev/kvm"), List.of(), false)).violations(m).size());
    }

    @Test
    void theDockerSocketIsRefusedUnderEverySpelling() {
        for (String source : List.of("/var/run/docker.sock", "/run/docker.sock", "/run//docker.sock", "/run/./docker.sock",
                "/srv/../run/docker.sock", "/../../run/docker.sock", "/var/run/docker.sock/x")) {
            String refusal = only(DEFAULT.violations(job("    volumes: [\"" + source + ":/var/run/docker.sock\"]\n")));
            assertTrue(refusal.startsWith("service job: volumes[0] mounts " + source), refusal);
            assertTrue(refusal.contains("the Docker socket, which gives the container root on the host; refused by the host "
                    + "policy (allow with --allow-docker-socket in the agent's config, never in the repository)"), refusal);
        }
        assertEquals("service job: volumes[0] mounts /srv/../run/docker.sock (that is /run/docker.sock), the Docker socket, "
                + "which gives the container root on the host; refused by the host policy (allow with --allow-docker-socket "
                + "in the agent's config, never in the repository)",
                only(DEFAULT.violations(job("    volumes: [\"/srv/../run/docker.sock:/s\"]\n"))));
    }

    @Test
    void aFolderThatHoldsTheDockerSocketIsRefusedEvenWhenTheFolderIsAllowed() {
        HostPolicy allowsVar = policy(allow(false, false, false, Set.of(), Set.of(), List.of("/var", "/"), false));
        for (String source : List.of("/var/run", "/run", "/", "/var")) {
            String refusal = only(allowsVar.violations(job("    volumes: [\"" + source + ":/host\"]\n")));
            assertTrue(refusal.contains("which holds the Docker socket"), refusal);
        }
    }

    @Test
    void theDockerSocketIsAllowedOnlyByItsOwnFlag() {
        Manifest socket = job("    volumes: [\"/var/run/docker.sock:/var/run/docker.sock\"]\n");
        assertEquals(1, policy(allow(true, true, true, Set.of("ALL"), Set.of(), List.of("/var/run"), false)).violations(socket).size());
        assertEquals(List.of(), policy(allow(false, false, false, Set.of(), Set.of(), List.of(), true)).violations(socket));
        Manifest wholeRun = job("    volumes: [\"/run:/host-run\"]\n");
        assertTrue(only(policy(allow(false, false, false, Set.of(), Set.of(), List.of(), true)).violations(wholeRun))
                .contains("outside the ones the host policy allows"), "the socket flag does not open the folder around it");
    }

    @Test
    void aSymlinkToTheDockerSocketIsRefused() {
        HostPolicy policy = new HostPolicy(Allowances.NOTHING, links(Map.of("/srv/app/ctl", "/run/docker.sock", "/var/run", "/run")));
        String refusal = only(policy.violations(job("    volumes: [\"/srv/app/ctl:/ctl\"]\n")));
        assertTrue(refusal.startsWith("service job: volumes[0] mounts /srv/app/ctl, which resolves to /run/docker.sock on "
                + "this host, the Docker socket"), refusal);
    }

    @Test
    void hostFoldersMustBeInsideAnAllowedFolder() {
        Manifest etc = job("    volumes: [\"data:/data\", \"/etc:/host-etc:ro\"]\n");
        assertEquals("service job: volumes[1] mounts /etc, a host folder outside the ones the host policy allows (none yet); "
                + "use a named volume (like data:/data) instead, or allow the folder with --allow-volume-path DIR in the "
                + "agent's config, never in the repository", only(DEFAULT.violations(etc)));

        HostPolicy srv = policy(allow(false, false, false, Set.of(), Set.of(), List.of("/srv/"), false));
        assertEquals(List.of(), srv.violations(job("    volumes: [\"/srv:/a\", \"/srv/app/data:/b\"]\n")));
        assertTrue(only(srv.violations(etc)).contains("(/srv)"), "names the folders that are allowed");
        assertEquals(1, srv.violations(job("    volumes: [\"/srv/../etc:/a\"]\n")).size(), ".. cannot climb out");
        assertEquals(1, srv.violations(job("    volumes: [\"/srvx/data:/a\"]\n")).size(), "a prefix of the name is not inside");
    }

    @Test
    void aSymlinkOutOfAnAllowedFolderIsRefusedAndAnAllowedFolderBehindASymlinkIsFound() {
        HostPaths host = links(Map.of("/srv/escape", "/etc", "/srv", "/data/srv"));
        HostPolicy srv = new HostPolicy(allow(false, false, false, Set.of(), Set.of(), List.of("/srv"), false), host);
        String refusal = only(srv.violations(job("    volumes: [\"/srv/escape/shadow:/x\"]\n")));
        assertTrue(refusal.contains("which resolves to /etc/shadow on this host, a host folder outside"), refusal);
        assertEquals(List.of(), srv.violations(job("    volumes: [\"/srv/app:/x\"]\n")), "/srv/app is /data/srv/app: still inside");
    }

    @Test
    void everyViolationOfEveryServiceIsListed() {
        Manifest m = job("    privileged: true\n    pid: host\n    volumes: [\"/:/host\"]\n"
                + "  web:\n    image: acme/web:1\n    network: host\n");
        List<String> violations = DEFAULT.violations(m);
        assertEquals(4, violations.size(), violations::toString);
        assertTrue(violations.get(3).startsWith("service web: network: host"), violations::toString);
    }

    @Test
    void badAllowancesNameTheirFlag() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> allow(false, false, false, Set.of("NET_ADMN"), Set.of(), List.of(), false));
        assertEquals("--allow-capability: \"NET_ADMN\" is not a Linux capability; did you mean NET_ADMIN?", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> allow(false, false, false, Set.of(), Set.of(),
                List.of("srv"), false)).getMessage().startsWith("--allow-volume-path: 'srv' is not an absolute path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> allow(false, false, false, Set.of(),
                Set.of("/dev/../etc"), List.of(), false)).getMessage().startsWith("--allow-device:"));
    }

    @Test
    void normalisingKeepsDotDotAtTheRoot() {
        assertEquals("/etc", HostPaths.normalise("/../etc"));
        assertEquals("/", HostPaths.normalise("/a/.."));
        assertEquals("/a/c", HostPaths.normalise("//a/./b/../c/"));
    }

    private static HostPolicy policy(Allowances allowances) {
        return new HostPolicy(allowances, HostPaths.AS_WRITTEN);
    }

    /** A host whose symlinks are {@code links} (link → target), followed like the kernel does, longest first. */
    private static HostPaths links(Map<String, String> links) {
        return path -> {
            String resolved = path;
            for (int hops = 0; hops < 10; hops++) {
                String current = resolved;
                var link = links.keySet().stream().filter(l -> HostPaths.within(current, l))
                        .max((a, b) -> a.length() - b.length());
                if (link.isEmpty()) {
                    return resolved;
                }
                resolved = links.get(link.get()) + current.substring(link.get().length());
            }
            return resolved;
        };
    }
}
