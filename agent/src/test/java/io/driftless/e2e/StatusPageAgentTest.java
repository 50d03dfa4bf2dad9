package io.driftless.e2e;

import io.driftless.testing.AgentProcess;
import io.driftless.testing.CaddyProcess;
import io.driftless.testing.Chromium;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: {@code driftless run} with its listener, a good release then one whose health gate fails, and
 * {@code GET /} as a real headless Chromium renders it (after its script ran).
 */
@Integration
class StatusPageAgentTest {
    static final Duration WAIT = Duration.ofSeconds(90);
    @TempDir
    Path dir;
    E2eHost host;
    int port;

    @BeforeEach
    void start(TestInfo info) {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
        port = CaddyProcess.freePort();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void theStatusPageShowsTheFailedCommitItsReasonTheRevertAndBothRollouts() throws Exception {
        String good = host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        try (AgentProcess agent = AgentProcess.run(host, "--listen", "127.0.0.1:" + port)) {
            agent.await("the good commit applied", WAIT, () -> good.equals(field("lastAppliedRevision")));
            String bad = host.commit("web v3 <b>healthz answers 500</b>", host.manifest(web("web", "v3-unhealthy", "/*")));
            agent.await("the bad commit failed", WAIT, () -> host.status().get("failedRevisions").size() == 1);

            String url = "http://127.0.0.1:" + port + "/";
            Document dom = Jsoup.parse(Chromium.dumpDom(url, 3000));

            assertEquals(good, dom.selectFirst("#applied").attr("data-sha"));
            Element failed = dom.selectFirst("#failed .failed-commit[data-sha=" + bad + "]");
            assertTrue(failed != null, dom.outerHtml());
            assertEquals("HealthGateFailed", failed.attr("data-reason"));
            assertEquals("HealthGateFailed", failed.selectFirst(".reason").text());
            assertTrue(failed.selectFirst(".message").text().contains("HTTP 500"), failed.outerHtml());
            assertEquals("git revert " + bad, failed.selectFirst(".revert").text());
            List<Element> rollouts = dom.select("#rollouts .rollout");
            assertEquals(List.of(bad, good), rollouts.stream().map(r -> r.attr("data-sha")).toList(), "newest first");
            assertEquals(List.of("failed", "applied"), rollouts.stream().map(r -> r.attr("data-outcome")).toList());
            assertEquals("HealthGateFailed", rollouts.getFirst().attr("data-reason"));
            assertTrue(rollouts.stream().allMatch(r -> !r.select(".step .took").isEmpty()), "each rollout lists its steps with durations");
            Element web = dom.selectFirst("#services .service[data-name=web]");
            assertEquals("serving", web.attr("data-state"));
            assertTrue(dom.select("#failed b").isEmpty() && dom.select("#rollouts b").isEmpty(), "nothing user-written became markup");

            Path png = Path.of("target", "status-page.png");
            Chromium.screenshot(url, png, 1200, 1400);
            System.out.println("status page screenshot: " + png.toAbsolutePath());
            assertEquals(0, agent.terminate(Duration.ofSeconds(30)));
        }
    }

    private String field(String name) {
        return host.statusField(name);
    }
}
