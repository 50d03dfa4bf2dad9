package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.LoadGenerator;
import io.driftless.testing.LoadReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: an empty host gets its first commit; then releases swap under load without a failed request. */
@Integration
class SwapTest extends EndToEndTest {

    @Test
    void firstCommitOnAnEmptyHostServesV1ThroughCaddy() {
        String c1 = host.commit("web v1", host.manifest(web("web", "v1", "/*")));

        E2eHost.Cli cli = host.reconcile();

        assertEquals(0, cli.exit(), cli.out() + cli.err());
        assertEquals("app v1", host.get("/"));
        JsonNode status = host.status();
        assertEquals(c1, status.get("lastAppliedRevision").asText());
        assertEquals(c1, status.get("lastAttemptedRevision").asText());
        assertEquals(0, status.get("failedRevisions").size());
        assertEquals("True", condition(status, "Ready").get("status").asText());
        JsonNode web = status.get("services").get(0);
        assertEquals("web", web.get("name").asText());
        assertEquals("driftless-demo/app:v1", web.get("image").asText());
        assertEquals(c1, web.get("revision").asText());
        assertEquals("blue", web.get("slot").asText());
        assertEquals(host.instance + "-web-blue", web.get("container").asText());
        assertEquals("serving", web.get("state").asText());
        assertEquals(0, host.reconcile().exit(), "a second pass has nothing to do");
    }

    @Test
    void releasesSwapUnderLoadWithoutAFailedRequest() throws InterruptedException {
        host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        assertEquals(0, host.reconcile().exit());
        LoadGenerator load = host.load();
        load.start();
        List<Long> swapMillis = new ArrayList<>();
        List<Instant> began = new ArrayList<>();
        List<Instant> swapped = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String tag = i % 2 == 0 ? "v2" : "v1";
            host.commit("web " + tag, host.manifest(web("web", tag, "/*")));
            long t0 = System.nanoTime();
            began.add(Instant.now());
            E2eHost.Cli cli = host.reconcile();
            swapMillis.add((System.nanoTime() - t0) / 1_000_000);
            assertEquals(0, cli.exit(), cli.out() + cli.err());
            swapped.add(Instant.now());
            versions.add("app " + tag);
            assertEquals("app " + tag, host.get("/"));
        }
        Thread.sleep(1000); // some traffic after the last swap, to see where it goes
        LoadReport report = load.stop();
        began.add(Instant.now());

        System.out.println("swaps under load: " + report.summary() + "; reconcile times (ms): " + swapMillis);
        assertEquals(0, report.failed(), () -> "failed requests: " + report.failures());
        assertTrue(report.requestsPerSecond() >= 50, "load was " + report.requestsPerSecond() + " req/s");
        assertTrue(report.total() > 500, "too few requests to mean anything: " + report.total());
        for (int i = 0; i < versions.size(); i++) {
            // Once a reconcile returns, the old container is gone: every answer until the next release is the
            // new version.
            List<String> bodies = report.answersBetween(swapped.get(i), began.get(i + 1)).stream()
                    .map(LoadReport.Answer::body).map(String::strip).distinct().toList();
            assertEquals(List.of(versions.get(i)), bodies, "answers after swap " + (i + 1));
        }
        assertEquals(1, host.containers().size(), "only the serving container is left");
    }

    static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.get("conditions")) {
            if (c.get("type").asText().equals(type)) {
                return c;
            }
        }
        throw new AssertionError("no condition " + type + " in " + status);
    }
}
