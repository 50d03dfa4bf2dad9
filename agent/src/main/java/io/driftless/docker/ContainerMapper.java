package io.driftless.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.driftless.desired.HostAccess;
import io.driftless.desired.Service;
import io.driftless.desired.VolumeMount;
import io.driftless.live.Labels;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;
import io.driftless.rollout.EngineException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure half of the Docker adapter: manifest service to create request, inspected container to
 * {@link LiveContainer}. Ownership is read from labels alone (docs/architecture.md, "Ownership").
 */
public final class ContainerMapper {
    /** Docker's own rule for volume names (a shorter or odd name is read as a relative path). */
    /** Docker's network mode for the host's own network namespace. */
    static final String HOST_NETWORK = "host";
    /**
     * Where the agent reaches a container on the host's network: the agent runs on the host, so the container's
     * ports are the host's loopback ports.
     */
    static final String HOST_NETWORK_ADDRESS = "127.0.0.1";

    private ContainerMapper() {
    }

    /** {@code <instance>-<service>-<slot>}: one name per slot, so a leftover blocks a duplicate. */
    public static String containerName(String instance, String service, Slot slot) {
        return instance + "-" + service + "-" + slot.label();
    }

    public static Map<String, String> labels(String instance, String service, Slot slot, String spec, String revision) {
        return Map.of(
                Labels.MANAGED, "true",
                Labels.INSTANCE, instance,
                Labels.SERVICE, service,
                Labels.SLOT, slot.label(),
                Labels.SPEC, spec,
                Labels.REVISION, revision);
    }

    /** What to create for {@code spec} in {@code slot}; fails on a volume Docker would misread. */
    public static NewContainer newContainer(String instance, String network, Service spec, Slot slot, String revision)
            throws EngineException {
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        HostAccess access = spec.hostAccess();
        return new NewContainer(containerName(instance, spec.name(), slot), spec.image(), env, spec.command(),
                binds(spec.name(), spec.volumes()), labels(instance, spec.name(), slot, spec.specHash(), revision),
                access.hostNetwork() ? HOST_NETWORK : network, spec.port(),
                new NewContainer.Host(access.privileged(), access.hostPid() ? "host" : null, access.capAdd(),
                        access.capDrop(), access.devices(), access.user()));
    }

    /** Manifest volumes ({@code source:destination[:ro|rw]}) as Docker binds with an explicit mode. */
    public static List<String> binds(String service, List<String> volumes) throws EngineException {
        List<String> binds = new ArrayList<>();
        for (String volume : volumes) {
            try {
                binds.add(VolumeMount.parse(volume).bind());
            } catch (IllegalArgumentException e) {
                // The manifest binder refuses these first; only a Service built by hand gets here.
                throw new EngineException("service " + service + ": volume " + e.getMessage());
            }
        }
        return binds;
    }

    /**
     * The container as the agent sees it, or empty when it is not this instance's (no managed label, another
     * instance) or its labels are broken (see {@link #brokenLabels}).
     */
    public static Optional<LiveContainer> fromInspect(InspectContainerResponse c, String instance, String network) {
        Map<String, String> labels = c.getConfig() == null || c.getConfig().getLabels() == null
                ? Map.of() : c.getConfig().getLabels();
        if (!isOurs(labels, instance) || brokenLabels(labels).isPresent()) {
            return Optional.empty();
        }
        var state = c.getState();
        boolean running = state != null && Boolean.TRUE.equals(state.getRunning())
                && !Boolean.TRUE.equals(state.getRestarting()) && !Boolean.TRUE.equals(state.getPaused());
        return Optional.of(new LiveContainer(c.getId(), stripSlash(c.getName()), labels.get(Labels.SERVICE),
                Slot.fromLabel(labels.get(Labels.SLOT)), labels.get(Labels.SPEC), labels.get(Labels.REVISION),
                c.getConfig().getImage(), running, running ? address(c, network) : null, created(c.getCreated())));
    }

    /**
     * {@code known} (as an earlier inspect read it) with what may have changed since taken from the host's list: name,
     * running, address. The rest (labels, the image as configured, created) never changes for a container id. Empty when
     * the summary lacks what is needed (then inspect it).
     */
    public static Optional<LiveContainer> refreshed(LiveContainer known, Container summary, String network) {
        String state = summary.getState();
        String[] names = summary.getNames();
        if (state == null || names == null || names.length == 0 || !known.id().equals(summary.getId())) {
            return Optional.empty();
        }
        boolean running = "running".equals(state);
        String address = null;
        if (running) {
            if (summary.getHostConfig() != null && HOST_NETWORK.equals(summary.getHostConfig().getNetworkMode())) {
                address = HOST_NETWORK_ADDRESS;
            } else if (summary.getNetworkSettings() != null && summary.getNetworkSettings().getNetworks() != null) {
                ContainerNetwork on = summary.getNetworkSettings().getNetworks().get(network);
                String ip = on == null ? null : on.getIpAddress();
                address = ip == null || ip.isEmpty() ? null : ip;
            }
        }
        // A container another one links to is also listed under "/other/alias": its own name has one slash.
        String name = java.util.Arrays.stream(names).filter(n -> n.lastIndexOf('/') == 0).findFirst().orElse(names[0]);
        return Optional.of(new LiveContainer(known.id(), stripSlash(name), known.service(), known.slot(), known.spec(),
                known.revision(), known.image(), running, address, known.created()));
    }

    public static boolean isOurs(Map<String, String> labels, String instance) {
        return "true".equals(labels.get(Labels.MANAGED)) && instance.equals(labels.get(Labels.INSTANCE));
    }

    /** Why a container carrying our labels cannot be read (edited by hand?), or empty when it can. */
    public static Optional<String> brokenLabels(Map<String, String> labels) {
        String service = labels.get(Labels.SERVICE);
        if (service == null || service.isBlank()) {
            return Optional.of("label " + Labels.SERVICE + " is missing");
        }
        if (Slot.fromLabel(labels.get(Labels.SLOT)) == null) {
            return Optional.of("label " + Labels.SLOT + " is '" + labels.get(Labels.SLOT) + "', not blue or green");
        }
        return Optional.empty();
    }

    private static String address(InspectContainerResponse c, String network) {
        if (c.getHostConfig() != null && HOST_NETWORK.equals(c.getHostConfig().getNetworkMode())) {
            return HOST_NETWORK_ADDRESS;
        }
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null) {
            return null;
        }
        ContainerNetwork on = c.getNetworkSettings().getNetworks().get(network);
        String ip = on == null ? null : on.getIpAddress();
        return ip == null || ip.isEmpty() ? null : ip;
    }

    private static Instant created(String created) {
        try {
            return created == null ? null : Instant.parse(created);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }
}
