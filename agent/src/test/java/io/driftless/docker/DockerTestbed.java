package io.driftless.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.driftless.desired.Service;
import io.driftless.live.Labels;
import io.driftless.live.LiveContainer;
import io.driftless.rollout.EngineException;
import io.driftless.testing.AppImages;
import io.driftless.testing.Components;
import io.driftless.testing.Services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One test's corner of the real dockerd: a unique instance name (and so network), engines for it, a raw
 * client for what the agent must not do itself, and a cleanup that removes everything it made.
 */
final class DockerTestbed implements AutoCloseable {
    static final String REVISION = "0123456789abcdef0123456789abcdef01234567";

    final String instance = "dltest-" + UUID.randomUUID().toString().substring(0, 8);
    final DockerEngine engine;
    final DockerClient raw;
    private final List<DockerEngine> engines = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    DockerTestbed() {
        Components.require("dockerd");
        engine = engine(instance);
        raw = DockerClients.open(engine.settings().host()).quick();
        try {
            engine.serverVersion();
        } catch (EngineException e) {
            fail("these tests need the real dockerd: " + e.getMessage());
        }
    }

    /** An engine for {@code instance}, cleaned up with this testbed. */
    DockerEngine engine(String instance) {
        DockerEngine engine = DockerEngine.connect(DockerSettings.forInstance(instance, System.getenv()));
        engines.add(engine);
        return engine;
    }

    /** A named volume the test uses, removed at the end. */
    String volume(String suffix) {
        String name = instance + "-" + suffix;
        volumes.add(name);
        return name;
    }

    static Service service(String name, String tag, Integer port) {
        return service(name, AppImages.ref(tag), port, Map.of(), null, List.of());
    }

    static Service service(String name, String image, Integer port, Map<String, String> env, List<String> command,
                           List<String> volumes) {
        return Services.named(name).image(image).port(port).env(env).command(command).volumes(volumes)
                .strategy(Service.Strategy.BLUE_GREEN).drain(Duration.ofSeconds(1)).monitor(Duration.ofSeconds(1)).build();
    }

    record Answer(int status, String body) {
    }

    /** GET once; a connection that fails is a test failure with the URL in it. */
    Answer get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** GET until the server answers at all (httpd starts a few ms after the container). */
    Answer getWhenUp(String url) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return get(url);
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                pause(100);
            }
        }
    }

    static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + within.toSeconds() + " s: " + what);
            }
            pause(100);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code engine.list()} for use inside {@link #await} conditions. */
    List<LiveContainer> listed() {
        try {
            return engine.list();
        } catch (EngineException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The pulls of {@code image} dockerd recorded between {@code from} and {@code to} (to the second). */
    List<Event> pulls(String image, Instant from, Instant to) throws Exception {
        List<Event> pulls = new CopyOnWriteArrayList<>();
        // With an end time the daemon sends what it recorded in the window and closes the stream.
        try (ResultCallback.Adapter<Event> events = raw.eventsCmd().withEventTypeFilter(EventType.IMAGE)
                .withEventFilter("pull").withImageFilter(image)
                .withSince(String.valueOf(from.getEpochSecond())).withUntil(String.valueOf(to.getEpochSecond() + 1))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        pulls.add(event);
                    }
                })) {
            if (!events.awaitCompletion(10, TimeUnit.SECONDS)) {
                fail("dockerd did not list its events within 10 s");
            }
        }
        return pulls;
    }

    boolean networkExists(String name) {
        try {
            raw.inspectNetworkCmd().withNetworkId(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        // Everything a test made carries its instance name: labelled containers, or unlabelled ones named after it.
        for (var c : raw.listContainersCmd().withShowAll(true).exec()) {
            boolean labelled = c.getLabels() != null && c.getLabels().getOrDefault(Labels.INSTANCE, "").startsWith(instance);
            boolean named = c.getNames() != null && List.of(c.getNames()).stream().anyMatch(n -> n.startsWith("/" + instance));
            if (labelled || named) {
                raw.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
        }
        for (DockerEngine e : engines) {
            e.removeNetworkIfUnused();
            e.close();
        }
        for (String volume : volumes) {
            try {
                raw.removeVolumeCmd(volume).exec();
            } catch (NotFoundException gone) {
                // never created
            }
        }
        raw.close();
    }
}
