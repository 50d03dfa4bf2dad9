package io.driftless.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.testing.E2eHost;
import io.driftless.testing.Integration;
import io.driftless.testing.SignedCommits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.driftless.testing.E2eHost.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: a tip the source gate refuses never runs; the host stays on the last known-good commit. */
@Integration
class GuardedSourceTest {
    @TempDir
    Path dir;
    E2eHost host;

    @BeforeEach
    void start(TestInfo info) {
        host = new E2eHost(dir, info.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void unsignedTipIsRefusedAndTheHostStaysOnTheSignedCommit() throws Exception {
        SignedCommits.Ssh deployer = SignedCommits.sshKey(dir.resolve("keys"), "ed25519", "deploy@example.com");
        Path allowed = Files.writeString(dir.resolve("allowed_signers"), deployer.allowedSignersLine() + "\n");
        String good = host.repo.commitSigned("web v1", Map.of("driftless.yaml", host.manifest(web("web", "v1", "/*"))),
                deployer);
        assertEquals(0, host.reconcile("--allowed-signers", allowed.toString()).exit());

        String bad = host.commit("web v2, pushed unsigned", host.manifest(web("web", "v2", "/*")));
        E2eHost.Cli plan = host.driftless("plan", "--allowed-signers", allowed.toString());

        assertEquals(2, plan.exit(), "plan refuses what a pass would refuse: " + plan.out() + plan.err());
        assertTrue(plan.out().contains("refused by the source gate (SignatureInvalid)"), plan.out());
        assertTrue(host.status().get("failedRevisions").isEmpty(), "plan records nothing");

        E2eHost.Cli cli = host.reconcile("--allowed-signers", allowed.toString());

        assertEquals(1, cli.exit(), cli.out() + cli.err());
        assertEquals("app v1", host.get("/"));
        assertEquals(Map.of("web", List.of("blue v1")), host.services(), "no candidate was started");
        JsonNode status = host.status();
        assertEquals(good, status.get("lastAppliedRevision").asText());
        JsonNode failed = status.get("failedRevisions").get(0);
        assertEquals(bad, failed.get("revision").asText());
        assertEquals("SignatureInvalid", failed.get("reason").asText());
        assertTrue(failed.get("message").asText().startsWith("commit " + bad.substring(0, 12)
                + " (\"web v2, pushed unsigned\") is not signed"), failed.toString());
    }

    @Test
    void forcePushRewindIsRefusedUntilTheAgentIsToldToFollowIt() {
        String v1 = host.commit("web v1", host.manifest(web("web", "v1", "/*")));
        assertEquals(0, host.reconcile().exit());
        String v2 = host.commit("web v2", host.manifest(web("web", "v2", "/*")));
        assertEquals(0, host.reconcile().exit());

        host.repo.forcePushReset(v1);
        E2eHost.Cli refused = host.reconcile();

        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertEquals("app v2", host.get("/"), "the host stays on the last applied commit");
        JsonNode status = host.status();
        assertEquals(v2, status.get("lastAppliedRevision").asText());
        JsonNode failed = status.get("failedRevisions").get(0);
        assertEquals(v1, failed.get("revision").asText());
        assertEquals("NonFastForward", failed.get("reason").asText());
        assertTrue(failed.get("message").asText().contains(v2.substring(0, 12)), failed.toString());

        E2eHost.Cli followed = host.reconcile("--allow-non-fast-forward", "--retry");

        assertEquals(0, followed.exit(), followed.out() + followed.err());
        assertEquals("app v1", host.get("/"));
        assertEquals(v1, host.status().get("lastAppliedRevision").asText());
    }
}
