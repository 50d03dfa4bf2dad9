package io.driftless.policy;

import io.driftless.desired.Capabilities;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the operator lets manifests ask of this host, from the agent's own flags ({@code --allow-*}). The default,
 * {@link #NOTHING}, is an ordinary container with named volumes only.
 *
 * @param capabilities capability names manifests may add (ALL allows any); Docker's defaults need no allowance
 * @param devices      host device paths manifests may give to a container
 * @param volumePaths  host folders (normalised, absolute) whose contents manifests may mount
 */
public record Allowances(boolean privileged, boolean hostNetwork, boolean hostPid, Set<String> capabilities,
                         Set<String> devices, List<String> volumePaths, boolean dockerSocket) {
    public static final Allowances NOTHING = new Allowances(false, false, false, Set.of(), Set.of(), List.of(), false);

    /** Checks each value, naming the flag it came from; {@link IllegalArgumentException} for a bad one. */
    public Allowances {
        capabilities = Set.copyOf(capabilities);
        for (String capability : capabilities) {
            Capabilities.problemWith(capability).ifPresent(problem -> {
                throw new IllegalArgumentException("--allow-capability: " + problem);
            });
        }
        devices = Set.copyOf(devices);
        for (String device : devices) {
            if (!device.startsWith("/dev/") || !HostPaths.normalise(device).equals(device)) {
                throw new IllegalArgumentException("--allow-device: '" + device + "' is not a device path; give the "
                        + "host path as manifests list it, like /dev/fuse");
            }
        }
        Set<String> folders = new LinkedHashSet<>();
        for (String folder : volumePaths) {
            if (!folder.startsWith("/")) {
                throw new IllegalArgumentException("--allow-volume-path: '" + folder + "' is not an absolute path; "
                        + "give a host folder like /srv/app");
            }
            folders.add(HostPaths.normalise(folder));
        }
        volumePaths = List.copyOf(new ArrayList<>(folders));
    }
}
