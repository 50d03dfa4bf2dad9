package io.driftless.e2e;

import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: {@code driftless plan} shows what a pass would do, with its exit codes, and changes nothing. */
@Integration
class PlanCommandTest extends EndToEndTest {

    @Test
    void planShowsTheChangeOldToNewAndChangesNothing() {
        host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        E2eHost.Cli first = host.driftless("plan");
        assertEquals(1, first.exit(), first.out() + first.err());
        assertTrue(first.out().contains("web added: driftless-demo/app:v1"), first.out());
        assertEquals(Map.of(), host.services(), "plan started nothing");

        assertEquals(0, host.reconcile().exit());
        E2eHost.Cli none = host.driftless("plan");
        assertEquals(0, none.exit(), none.out());
        assertTrue(none.out().contains("no changes"), none.out());

        host.commit("web v2", host.manifest(web("web", "v2", "/*")));
        E2eHost.Cli change = host.driftless("plan");
        assertEquals(1, change.exit());
        assertTrue(change.out().contains("web image: driftless-demo/app:v1 → driftless-demo/app:v2"), change.out());
        assertTrue(change.out().contains("switch routes: web→green"), change.out());
        assertEquals(Map.of("web", List.of("blue v1")), host.services(), "plan changed nothing");
        assertEquals("app v1", host.get("/"));
    }

    @Test
    void planOfAnInvalidManifestPrintsEveryErrorAndExitsTwo() {
        host.commit("typo", host.manifest(web("web", "v1", "/*")).replace("    image:", "    imgae:"));

        E2eHost.Cli cli = host.driftless("plan");

        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("driftless.yaml:7:5: services.web.imgae"), cli.err());
    }
}
