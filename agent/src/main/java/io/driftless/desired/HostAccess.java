package io.driftless.desired;

import java.util.List;
import java.util.Objects;

/**
 * What a service asks of the host beyond an ordinary container: the settings a compromised repository would reach
 * for first, so the agent's host policy ({@code io.driftless.policy}) can refuse them. {@link #NONE} is a plain
 * container on the agent's network.
 *
 * @param privileged  every capability and every device of the host
 * @param hostNetwork the host's network namespace instead of the agent's network (implies recreate, no routes)
 * @param hostPid     the host's process namespace
 * @param capAdd      Linux capability names (like NET_ADMIN, or ALL) added to Docker's default set
 * @param capDrop     capability names removed from it
 * @param devices     host device files given to the container at the same path (like /dev/fuse)
 * @param user        {@code user[:group]} by name or number, or null for the image's own user
 */
public record HostAccess(boolean privileged, boolean hostNetwork, boolean hostPid, List<String> capAdd,
                         List<String> capDrop, List<String> devices, String user) {
    public static final HostAccess NONE = new HostAccess(false, false, false, List.of(), List.of(), List.of(), null);

    public HostAccess {
        capAdd = List.copyOf(Objects.requireNonNull(capAdd, "capAdd"));
        capDrop = List.copyOf(Objects.requireNonNull(capDrop, "capDrop"));
        devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
    }

    /**
     * The lines this adds to a service's spec hash. Empty for {@link #NONE}, so the hash of a service that asks for
     * nothing is the same as before these keys existed: upgrading the agent must not replace every container.
     */
    String canonical() {
        if (equals(NONE)) {
            return "";
        }
        return "privileged=" + privileged + '\n'
                + "network=" + (hostNetwork ? "host" : "agent") + '\n'
                + "pid=" + (hostPid ? "host" : "container") + '\n'
                + "capabilities.add=" + String.join(",", capAdd) + '\n'
                + "capabilities.drop=" + String.join(",", capDrop) + '\n'
                + "devices=" + String.join("\u0000", devices) + '\n'
                + "user=" + (user == null ? "<image default>" : user) + '\n';
    }
}
