package io.driftless.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import io.driftless.desired.Service;
import io.driftless.live.Labels;
import io.driftless.live.LiveContainer;
import io.driftless.live.Slot;
import io.driftless.rollout.ContainerEngine;
import io.driftless.rollout.EngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link ContainerEngine} against the real daemon, through docker-java. Only containers labelled
 * {@code io.driftless.managed=true} and this instance's {@code io.driftless.instance} are listed, started or
 * removed; everything else on the host is left alone.
 */
public final class DockerEngine implements ContainerEngine, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DockerEngine.class);
    private static final Duration LOG_TAIL_TIMEOUT = Duration.ofSeconds(5);

    private final DockerSettings settings;
    private final DockerClients clients;
    private final AgentNetwork network;
    /**
     * Each container listed before, as inspected then: a later list refreshes what can change (name, running, address)
     * from the list's own answer, so a pass asks Docker one list, not one inspect per container.
     */
    private final Map<String, LiveContainer> inspected = new java.util.concurrent.ConcurrentHashMap<>();

    private DockerEngine(DockerSettings settings, DockerClients clients) {
        this.settings = settings;
        this.clients = clients;
        this.network = new AgentNetwork(clients.quick(), settings.network(), settings.instance());
    }

    /** Connects lazily: nothing is sent to the daemon before the first call. */
    public static DockerEngine connect(DockerSettings settings) {
        return new DockerEngine(settings, DockerClients.open(settings.host()));
    }

    public DockerSettings settings() {
        return settings;
    }

    /** For the adapter's other pieces that speak to the same daemon ({@link ContainerPgAccess}). */
    DockerClients clients() {
        return clients;
    }

    /** The daemon's version, e.g. {@code 20.10.24 (API 1.41)}; the cheapest "is Docker there?" check. */
    public String serverVersion() throws EngineException {
        return call("asking Docker for its version", () -> {
            var version = docker().versionCmd().exec();
            return version.getVersion() + " (API " + version.getApiVersion() + ")";
        });
    }

    @Override
    public List<LiveContainer> list() throws EngineException {
        return call("listing the containers of instance " + settings.instance(), () -> {
            var summaries = docker().listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(Labels.MANAGED, "true",
                            Labels.INSTANCE, settings.instance()))
                    .exec();
            List<LiveContainer> containers = new ArrayList<>();
            inspected.keySet().retainAll(summaries.stream().map(com.github.dockerjava.api.model.Container::getId).toList());
            for (var summary : summaries) {
                LiveContainer known = this.inspected.get(summary.getId());
                Optional<LiveContainer> fresh = known == null ? Optional.empty()
                        : ContainerMapper.refreshed(known, summary, network.name());
                if (fresh.isPresent()) {
                    containers.add(fresh.get());
                    continue;
                }
                Optional<InspectContainerResponse> inspected = inspectRaw(summary.getId());
                if (inspected.isEmpty()) {
                    continue; // removed between list and inspect
                }
                Optional<LiveContainer> live = ContainerMapper.fromInspect(inspected.get(), settings.instance(), network.name());
                live.ifPresent(c -> this.inspected.put(c.id(), c));
                live.ifPresentOrElse(containers::add, () -> warnUnreadable(inspected.get()));
            }
            return containers;
        });
    }

    /** Also empty for a container that exists but is not this instance's: the agent has no business with it. */
    @Override
    public Optional<LiveContainer> inspect(String id) throws EngineException {
        return call("inspecting container " + id, () -> inspectRaw(id)
                .flatMap(c -> ContainerMapper.fromInspect(c, settings.instance(), network.name())));
    }

    @Override
    public void ensureImage(String service, String image) throws EngineException {
        call("service " + service + ": looking for image " + image, () -> {
            if (imagePresent(image)) {
                return null;
            }
            String failure = ImagePull.pull(clients.patient(), image, settings.pullTimeout());
            if (failure != null || !imagePresent(image)) {
                throw new EngineException("service " + service + ": image " + image
                        + " is not on this host and could not be pulled ("
                        + (failure == null ? "the pull finished but the image is still missing" : failure)
                        + "); build or push it, or fix the tag");
            }
            log.info("commit -: service {}: pulled image {}", service, image);
            return null;
        });
    }

    @Override
    public LiveContainer run(Service spec, Slot slot, String revision) throws EngineException {
        NewContainer request = ContainerMapper.newContainer(settings.instance(), network.name(), spec, slot, revision);
        String doing = "service " + spec.name() + ": creating container " + request.name();
        String id = call(doing, () -> {
            network.ensure();
            try {
                return ContainerCommands.create(docker(), request);
            } catch (ConflictException nameTaken) {
                throw new EngineException(doing + ": a container with that name already exists"
                        + " (left over from an earlier run?); remove it first");
            } catch (NotFoundException noImage) {
                throw new EngineException(doing + ": " + DockerFailures.reason(noImage)
                        + " (the image must be on the host: ensureImage first)");
            }
        });
        call("service " + spec.name() + ": starting container " + request.name(), () -> {
            try {
                docker().startContainerCmd(id).exec();
                return null;
            } catch (DockerException refused) {
                // Leave nothing half-made behind: the planner would otherwise find a dead candidate.
                removeQuietly(id);
                throw new EngineException("service " + spec.name() + ": container " + request.name()
                        + " was created but did not start: " + DockerFailures.reason(refused));
            }
        });
        return inspect(id).orElseThrow(() -> new EngineException("service " + spec.name() + ": container "
                + request.name() + " disappeared right after it started (removed by hand?)"));
    }

    @Override
    public LiveContainer start(String id) throws EngineException {
        LiveContainer container = requireOurs(id, "start");
        call("starting container " + container.name(), () -> {
            try {
                docker().startContainerCmd(id).exec();
            } catch (NotModifiedException alreadyRunning) {
                // nothing to do
            }
            return null;
        });
        return inspect(id).orElseThrow(() -> new EngineException("container " + container.name()
                + " disappeared right after it started (removed by hand?)"));
    }

    @Override
    public void stopAndRemove(String id, Duration grace) throws EngineException {
        call("removing container " + id, () -> {
            Optional<InspectContainerResponse> found = inspectRaw(id);
            if (found.isEmpty()) {
                return null;
            }
            Map<String, String> labels = found.get().getConfig().getLabels();
            if (labels == null || !ContainerMapper.isOurs(labels, settings.instance())) {
                throw new EngineException("refusing to remove container " + found.get().getName().replaceFirst("^/", "")
                        + ": it is not managed by driftless instance " + settings.instance());
            }
            ContainerCommands.stopAndRemove(clients, id, grace);
            return null;
        });
    }

    @Override
    public String logTail(String id, int lines) {
        StringBuilder out = new StringBuilder();
        try (var callback = docker().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        synchronized (out) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }
                })) {
            callback.awaitCompletion(LOG_TAIL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException bestEffort) {
            log.debug("no logs for container {}: {}", id, DockerFailures.reason(bestEffort));
        }
        synchronized (out) {
            return out.toString();
        }
    }

    /**
     * Removes the agent's network when this instance created it and nothing is attached (tests, uninstall).
     *
     * @return true when the network is gone afterwards
     */
    public boolean removeNetworkIfUnused() throws EngineException {
        return call("removing network " + network.name(), network::removeIfUnused);
    }

    @Override
    public void close() {
        clients.close();
    }

    private DockerClient docker() {
        return clients.quick();
    }

    private Optional<InspectContainerResponse> inspectRaw(String id) {
        try {
            return Optional.of(docker().inspectContainerCmd(id).exec());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    private boolean imagePresent(String image) {
        try {
            docker().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    private LiveContainer requireOurs(String id, String action) throws EngineException {
        return inspect(id).orElseThrow(() -> new EngineException("cannot " + action + " container " + id
                + ": it is gone or not managed by driftless instance " + settings.instance()));
    }

    private void removeQuietly(String id) {
        try {
            docker().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            log.warn("could not remove container {} after its failed start: {}", id, DockerFailures.reason(e));
        }
    }

    private void warnUnreadable(InspectContainerResponse c) {
        Map<String, String> labels = c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
        ContainerMapper.brokenLabels(labels).ifPresent(why -> log.warn(
                "ignoring container {}: {}; remove it or restore its labels", c.getName().replaceFirst("^/", ""), why));
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws EngineException;
    }

    /** The one place docker-java's runtime exceptions become {@link EngineException}s with one-line messages. */
    private <T> T call(String doing, Call<T> call) throws EngineException {
        try {
            return call.run();
        } catch (DockerException refused) {
            String reason = DockerFailures.reason(refused);
            throw new EngineException(doing + ": " + reason, refused, DockerFailures.daemonStopping(reason));
        } catch (RuntimeException failed) {
            if (DockerFailures.unreachable(failed)) {
                throw new EngineException("cannot reach Docker at " + settings.host()
                        + ": is dockerd running? (scripts/components.sh starts it)", failed, true);
            }
            if (DockerFailures.reason(failed).toLowerCase(java.util.Locale.ROOT).contains("permission denied")) {
                throw new EngineException("cannot use Docker at " + settings.host()
                        + ": permission denied on its socket (run the agent as root or in the docker group)");
            }
            throw new EngineException(doing + ": " + DockerFailures.reason(failed), failed, DockerFailures.brokenConnection(failed));
        }
    }
}
