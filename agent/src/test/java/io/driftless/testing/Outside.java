package io.driftless.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.LedgerException;
import io.driftless.ledger.RolloutRecord;
import io.driftless.live.LiveContainer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a fault test sees of the host from outside the agent: Caddy's live config through its admin API,
 * the containers Docker runs, and the ledger opened read-only, as {@code driftless status} opens it.
 */
public final class Outside {
    public static final int APP_PORT = 8080;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outside() {
    }

    /** Every upstream Caddy dials now ({@code ip:port}); empty when Caddy holds no config or does not answer. */
    public static List<String> dials(E2eHost host) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(host.caddy.adminUri().resolve("/config/"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            List<String> dials = new ArrayList<>();
            collectDials(JSON.readTree(r.body()), dials);
            return dials;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void collectDials(JsonNode node, List<String> into) {
        if (node == null) {
            return;
        }
        if (node.isObject() && node.path("dial").isTextual()) {
            into.add(node.get("dial").asText());
        }
        node.forEach(child -> collectDials(child, into));
    }

    /** {@code ip:8080} of every running container of the host's instance. */
    private static Set<String> runningUpstreams(E2eHost host) {
        return host.containers().stream().filter(LiveContainer::running).filter(c -> c.address() != null)
                .map(c -> c.address() + ":" + APP_PORT).collect(Collectors.toSet());
    }

    /** Caddy routes somewhere, and only to containers that run. */
    public static void assertRoutesOnlyToRunningContainers(E2eHost host) {
        List<String> dials = dials(host);
        Set<String> running = runningUpstreams(host);
        assertTrue(!dials.isEmpty(), "Caddy routes nowhere; containers: " + host.services());
        assertTrue(running.containsAll(dials), "Caddy dials " + dials + " but only " + running + " run: " + host.services());
    }

    /** The ledger's newest rollouts, newest first, read the way {@code driftless status} reads them. */
    public static List<RolloutRecord> rollouts(E2eHost host) {
        if (!Files.exists(host.stateDir.resolve("ledger.db"))) {
            return List.of();
        }
        try (Ledger ledger = io.driftless.ledger.sql.SqlLedger.openReadOnly(host.stateDir)) {
            return ledger.recentRollouts(50);
        } catch (LedgerException startingUp) {
            return List.of(); // the agent has created the file but not yet its schema
        }
    }

    /** The last applied commit as {@code driftless status --json} shows it, or null before the first one. */
    public static String lastApplied(E2eHost host) {
        if (rollouts(host).isEmpty()) {
            return null;
        }
        return host.status().path("lastAppliedRevision").asText(null);
    }

    public static boolean containerExists(String name) {
        return !E2eHost.docker("ps", "-a", "-q", "--filter", "name=^/" + name + "$").isBlank();
    }

    /** Polls {@code condition} every 50 ms for at most {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("waited " + timeout.toSeconds() + "s for " + what);
    }
}
