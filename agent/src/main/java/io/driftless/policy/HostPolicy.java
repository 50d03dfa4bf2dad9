package io.driftless.policy;

import io.driftless.desired.Capabilities;
import io.driftless.desired.HostAccess;
import io.driftless.desired.Manifest;
import io.driftless.desired.Service;
import io.driftless.desired.VolumeMount;
import io.driftless.rollout.Admission;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The host's own rules for what a manifest may ask for. The repository may be compromised (a stolen token, a
 * malicious pull request merged in a hurry), so everything that gives a container power over the host is refused
 * unless the agent's own config allows it: privileged containers, the host's network or process namespace,
 * capabilities beyond Docker's defaults, host devices, the Docker socket, and host folders outside the allowed
 * ones. Named volumes are always fine. Pure, apart from the injected {@link HostPaths}.
 */
public final class HostPolicy implements Admission {
    /** Where dockerd listens; mounting either (or a folder that holds one) is root on the host. */
    public static final List<String> DOCKER_SOCKETS = List.of("/var/run/docker.sock", "/run/docker.sock");

    private final Allowances allowed;
    private final HostPaths paths;
    private final Set<String> sockets = new LinkedHashSet<>();
    private final Set<String> folders = new LinkedHashSet<>();

    public HostPolicy(Allowances allowed, HostPaths paths) {
        this.allowed = allowed;
        this.paths = paths;
        // Compare against both spellings of each: /var/run is a symlink to /run on most hosts.
        for (String socket : DOCKER_SOCKETS) {
            sockets.add(socket);
            sockets.add(HostPaths.normalise(paths.resolve(socket)));
        }
        for (String folder : allowed.volumePaths()) {
            folders.add(folder);
            folders.add(HostPaths.normalise(paths.resolve(folder)));
        }
    }

    @Override
    public List<String> violations(Manifest manifest) {
        List<String> violations = new ArrayList<>();
        for (Service service : manifest.services().values()) {
            check(service, violations);
        }
        return violations;
    }

    private void check(Service service, List<String> out) {
        String name = "service " + service.name() + ": ";
        HostAccess access = service.hostAccess();
        if (access.privileged() && !allowed.privileged()) {
            out.add(name + "privileged: true gives the container every capability and every device of the host "
                    + "(root on the host)" + refused("--allow-privileged"));
        }
        if (access.hostNetwork() && !allowed.hostNetwork()) {
            out.add(name + "network: host puts the container in the host's network namespace (any host port, "
                    + "every service listening on loopback)" + refused("--allow-host-network"));
        }
        if (access.hostPid() && !allowed.hostPid()) {
            out.add(name + "pid: host lets the container see and signal every process of the host"
                    + refused("--allow-host-pid"));
        }
        for (int i = 0; i < access.capAdd().size(); i++) {
            String capability = access.capAdd().get(i);
            if (!Capabilities.DOCKER_DEFAULTS.contains(capability) && !allowed.capabilities().contains(capability)
                    && !allowed.capabilities().contains("ALL")) {
                out.add(name + "capabilities.add[" + i + "] adds " + capability + ", beyond what every Docker container "
                        + "has" + refused("--allow-capability " + capability));
            }
        }
        for (int i = 0; i < access.devices().size(); i++) {
            String device = access.devices().get(i);
            if (!allowed.devices().contains(device)) {
                out.add(name + "devices[" + i + "] gives the container the host device " + device
                        + refused("--allow-device " + device));
            }
        }
        for (int i = 0; i < service.volumes().size(); i++) {
            VolumeMount mount = VolumeMount.parse(service.volumes().get(i));
            if (mount.hostPath()) {
                volume(name + "volumes[" + i + "] mounts " + mount.source(), mount.source(), out);
            }
        }
    }

    /**
     * A host path as a volume: never the Docker socket (unless allowed), and only inside the allowed folders. Checked
     * as written (normalised) and as the host resolves it; a symlink is only mentioned when it is what gives it away.
     */
    private void volume(String what, String source, List<String> out) {
        String written = HostPaths.normalise(source);
        String real = HostPaths.normalise(paths.resolve(written));
        String shown = what + (written.equals(source) ? "" : " (that is " + written + ")");
        List<String> forms = written.equals(real) ? List.of(written) : List.of(written, real);
        for (String form : forms) {
            String via = form.equals(written) ? "" : ", which resolves to " + real + " on this host";
            boolean isSocket = sockets.stream().anyMatch(socket -> HostPaths.within(form, socket));
            boolean holdsSocket = sockets.stream().anyMatch(socket -> HostPaths.within(socket, form));
            if ((isSocket || holdsSocket) && !allowed.dockerSocket()) {
                out.add(shown + via + (isSocket ? ", the Docker socket," : ", which holds the Docker socket,")
                        + " which gives the container root on the host" + refused("--allow-docker-socket"));
                return;
            }
            if (isSocket) {
                return; // allowed on its own flag: the folders allowlist is for data, not for the socket
            }
        }
        for (String form : forms) {
            if (folders.stream().noneMatch(folder -> HostPaths.within(form, folder))) {
                out.add(shown + (form.equals(written) ? "" : ", which resolves to " + real + " on this host")
                        + ", a host folder outside the ones the host policy allows ("
                        + (allowed.volumePaths().isEmpty() ? "none yet" : String.join(", ", allowed.volumePaths()))
                        + "); use a named volume (like data:/data) instead, or allow the folder with "
                        + "--allow-volume-path DIR in the agent's config, never in the repository");
                return;
            }
        }
    }

    private static String refused(String flag) {
        return "; refused by the host policy (allow with " + flag + " in the agent's config, never in the repository)";
    }
}
