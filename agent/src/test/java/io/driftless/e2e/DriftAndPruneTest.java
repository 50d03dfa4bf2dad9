package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.driftless.testing.E2eHost.web;
import static io.driftless.testing.E2eHost.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: hands on the host are undone; services leave with the manifest, but never all by accident. */
@Integration
class DriftAndPruneTest extends EndToEndTest {

    @Test
    void removedAndStoppedContainersAreRestoredAndUnmanagedOnesAreLeftAlone() {
        host.commit("web, api, worker", host.manifest(web("web", "v1", "/*"), web("api", "v2", "/api/*"), worker("worker", "v5-worker")));
        assertEquals(0, host.reconcile().exit());
        String bystander = "bystander-" + host.instance;
        E2eHost.docker("run", "-d", "--init", "--name", bystander, "driftless-demo/app:v1");
        E2eHost.docker("rm", "-f", host.instance + "-web-blue");
        E2eHost.docker("stop", "-t", "1", host.instance + "-worker-blue");
        assertTrue(host.get("/").startsWith("HTTP 5") || host.get("/").startsWith("unreachable"), "web is down now");

        E2eHost.Cli cli = host.reconcile();

        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertEquals("app v1", host.get("/"));
        assertEquals("app v2", host.get("/api/"));
        assertEquals(Map.of("api", List.of("blue v2"), "web", List.of("blue v1"), "worker", List.of("blue v5-worker")), host.services());
        assertEquals("true", E2eHost.docker("inspect", "-f", "{{.State.Running}}", bystander), "the unmanaged container still runs");
        E2eHost.docker("rm", "-f", bystander);
    }

    @Test
    void serviceDeletedFromTheManifestIsPruned() {
        host.commit("web and api", host.manifest(web("web", "v1", "/*"), web("api", "v2", "/api/*")));
        assertEquals(0, host.reconcile().exit());

        host.commit("api retired", host.manifest(web("web", "v1", "/*")));
        E2eHost.Cli cli = host.reconcile();

        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertEquals(Map.of("web", List.of("blue v1")), host.services());
        assertEquals("app v1", host.get("/api/"), "the api route is gone; / serves it now");
    }

    @Test
    void commitThatRemovesEveryServiceIsRefusedUnlessItSaysSo() {
        host.commit("web", host.manifest(web("web", "v1", "/*")));
        assertEquals(0, host.reconcile().exit());

        String empty = host.commit("oops, everything", host.manifest());
        E2eHost.Cli cli = host.reconcile();

        assertEquals(1, cli.exit());
        JsonNode failed = host.status().get("failedRevisions").get(0);
        assertEquals(empty, failed.get("revision").asText());
        assertEquals("RemoveAllRefused", failed.get("reason").asText());
        assertTrue(failed.get("message").asText().contains("allowRemoveAll: true"));
        assertEquals(Map.of("web", List.of("blue v1")), host.services());

        host.commit("really, everything", host.manifest().replace("version: 1\n", "version: 1\nallowRemoveAll: true\n"));
        assertEquals(0, host.reconcile().exit());
        assertEquals(Map.of(), host.services());
    }
}
