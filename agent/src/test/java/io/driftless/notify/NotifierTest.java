package io.driftless.notify;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.driftless.events.AgentEvent;
import io.driftless.events.AgentEvent.BackupFailed;
import io.driftless.events.AgentEvent.RolloutFailed;
import io.driftless.events.Reason;
import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notifier against WireMock standing in for Discord, Slack and a generic endpoint: each payload exactly as sent,
 * the signature, repeats held back, and the retries (5xx, a reset connection, a 4xx, a target that never answers).
 */
class NotifierTest {
    static final String BAD = "0123456789abcdef0123456789abcdef01234567";
    static final Instant AT = Instant.parse("2026-12-02T12:00:00Z");
    static final String DISCORD = "https://discord.com/api/webhooks/1234/s3cr3t-token";
    static final String SLACK = "https://hooks.slack.com/services/T000/B000/s3cr3t";
    static final byte[] SECRET = "notify-secret".getBytes(StandardCharsets.UTF_8);

    WireMockServer server;
    FakeClock clock = new FakeClock(AT);
    List<Duration> slept = new CopyOnWriteArrayList<>();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger driftless = (Logger) LoggerFactory.getLogger("driftless");

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        logged.start();
        driftless.addAppender(logged);
    }

    @AfterEach
    void stop() {
        driftless.detachAppender(logged);
        server.stop();
    }

    /** Every target's requests go to WireMock, path and query kept: the recognised host is what chose the payload. */
    Notifier notifier(Optional<byte[]> secret, String... urls) {
        List<Target> targets = java.util.Arrays.stream(urls).map(Target::parse).toList();
        return new Notifier(targets, secret, new NoticeRules(clock, Duration.ofMinutes(10)),
                new Notifier.Settings(10, 4, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10)),
                slept::add, uri -> URI.create("http://127.0.0.1:" + server.port() + uri.getRawPath()));
    }

    static RolloutFailed failed() {
        return new RolloutFailed(AT, BAD, Reason.HEALTH_GATE_FAILED, "web did not answer 200 on /healthz within 30s", List.of());
    }

    static BackupFailed backupFailed() {
        return new BackupFailed(AT, BAD, "db", "scheduled", "pg_dump exited 1: connection refused");
    }

    String onlyBody(String path) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(path)));
        assertEquals(1, requests.size(), "one request to " + path);
        assertEquals("application/json", requests.getFirst().getHeader("Content-Type"));
        return requests.getFirst().getBodyAsString();
    }

    List<String> warnings() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void discordGetsContentAndAnEmbed() {
        server.stubFor(post("/api/webhooks/1234/s3cr3t-token").willReturn(aResponse().withStatus(204)));
        try (Notifier n = notifier(Optional.empty(), DISCORD)) {
            n.publish(failed());
        }
        assertEquals("{\"content\":\"**driftless: Rollout failed** commit 0123456789ab failed "
                + "(HealthGateFailed): web did not answer 200 on /healthz within 30s. The host stays on (or went back to) the "
                + "last known-good commit. Next: run 'git revert " + BAD + "' and push it, or push a fix; see "
                + "runbooks/roll-back-a-bad-release.md\",\"embeds\":[{\"title\":\"Rollout failed\",\"color\":13840175,"
                + "\"fields\":[{\"name\":\"commit\",\"value\":\"`" + BAD + "`\",\"inline\":true},{\"name\":\"reason\","
                + "\"value\":\"HealthGateFailed\",\"inline\":true}],\"timestamp\":\"2026-12-02T12:00:00Z\"}]}",
                onlyBody("/api/webhooks/1234/s3cr3t-token"));
        assertTrue(warnings().isEmpty(), warnings().toString());
    }

    @Test
    void slackGetsTextAndBlocks() {
        server.stubFor(post("/services/T000/B000/s3cr3t").willReturn(aResponse().withStatus(200).withBody("ok")));
        try (Notifier n = notifier(Optional.empty(), SLACK)) {
            n.publish(backupFailed());
        }
        String message = "scheduled backup failed: pg_dump exited 1: connection refused; older backups are "
                + "untouched. Next: fix the cause, run 'driftless backup run db' and check it; see runbooks/restore-the-database.md";
        assertEquals("{\"text\":\"driftless: Backup failed commit 0123456789ab backup db: " + message + "\",\"blocks\":["
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Backup failed* commit 0123456789ab backup db\\n"
                + message + "\"}},{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"commit `" + BAD
                + "` · backup db · reason BackupFailed · at 2026-12-02T12:00:00Z\"}]}]}",
                onlyBody("/services/T000/B000/s3cr3t"));
    }

    @Test
    void anyOtherUrlGetsTheGenericJsonSignedWithTheSecret() throws Exception {
        server.stubFor(post("/hooks/driftless").willReturn(aResponse().withStatus(202)));
        try (Notifier n = notifier(Optional.of(SECRET), "https://alerts.example.net/hooks/driftless")) {
            n.publish(failed());
        }
        String body = onlyBody("/hooks/driftless");
        assertEquals("{\"event\":\"rollout.failed\",\"severity\":\"error\",\"commit\":\"" + BAD + "\",\"service\":null,"
                + "\"backup\":null,\"reason\":\"HealthGateFailed\",\"message\":\"commit 0123456789ab failed (HealthGateFailed): "
                + "web did not answer 200 on /healthz within 30s. The host stays on (or went back to) the last known-good "
                + "commit. Next: run 'git revert " + BAD + "' and push it, or push a fix; see runbooks/roll-back-a-bad-release.md\","
                + "\"at\":\"2026-12-02T12:00:00Z\"}", body);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, server.findAll(postRequestedFor(urlEqualTo("/hooks/driftless"))).getFirst().getHeader("X-Signature"));
    }

    @Test
    void withoutASecretTheGenericPostIsUnsignedAndChatServicesAreNeverSigned() {
        server.stubFor(post("/hooks/driftless").willReturn(aResponse().withStatus(200)));
        server.stubFor(post("/api/webhooks/1234/s3cr3t-token").willReturn(aResponse().withStatus(204)));
        try (Notifier n = notifier(Optional.empty(), "http://alerts.example.net/hooks/driftless")) {
            n.publish(failed());
        }
        try (Notifier n = notifier(Optional.of(SECRET), DISCORD)) {
            n.publish(failed());
        }
        assertNull(server.findAll(postRequestedFor(urlEqualTo("/hooks/driftless"))).getFirst().getHeader("X-Signature"));
        assertNull(server.findAll(postRequestedFor(urlEqualTo("/api/webhooks/1234/s3cr3t-token"))).getFirst().getHeader("X-Signature"));
    }

    @Test
    void aRepeatIsHeldBackAndTheRecoveryIsSent() {
        server.stubFor(post("/hooks/driftless").willReturn(aResponse().withStatus(200)));
        try (Notifier n = notifier(Optional.empty(), "https://alerts.example.net/hooks/driftless")) {
            n.publish(backupFailed());
            n.publish(backupFailed());
            clock.advance(Duration.ofMinutes(30));
            n.publish(backupFailed());
            n.publish(new AgentEvent.BackupStored(clock.instant(), BAD, "db", "scheduled", 8, "db-8.dump", 4096, Duration.ofSeconds(2)));
            n.publish(new AgentEvent.BackupStored(clock.instant(), BAD, "db", "scheduled", 9, "db-9.dump", 4096, Duration.ofSeconds(2)));
        }
        List<String> events = server.findAll(postRequestedFor(urlEqualTo("/hooks/driftless"))).stream()
                .map(r -> r.getBodyAsString().replaceAll("^\\{\"event\":\"([^\"]+)\".*$", "$1")).toList();
        assertEquals(List.of("backup.failed", "backup.recovered"), events);
    }

    @Test
    void a500IsRetriedAfterASecondAndTheSecondTryDelivers() {
        server.stubFor(post("/hooks/driftless").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        server.stubFor(post("/hooks/driftless").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        try (Notifier n = notifier(Optional.empty(), "https://alerts.example.net/hooks/driftless")) {
            n.publish(failed());
        }
        server.verify(2, postRequestedFor(urlEqualTo("/hooks/driftless")));
        assertEquals(List.of(Duration.ofSeconds(1)), slept);
        assertTrue(warnings().isEmpty(), warnings().toString());
    }

    @Test
    void aResetConnectionIsRetried() {
        server.stubFor(post("/hooks/driftless").inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
        server.stubFor(post("/hooks/driftless").inScenario("reset").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        try (Notifier n = notifier(Optional.empty(), "https://alerts.example.net/hooks/driftless")) {
            n.publish(failed());
        }
        server.verify(2, postRequestedFor(urlEqualTo("/hooks/driftless")));
        assertTrue(warnings().isEmpty(), warnings().toString());
    }

    @Test
    void aTargetThatKeepsFailingCostsFourTriesWithGrowingWaitsAndOneWarnNamingTheHostNotTheUrl() {
        server.stubFor(post("/api/webhooks/1234/s3cr3t-token").willReturn(aResponse().withStatus(503)));
        try (Notifier n = notifier(Optional.empty(), DISCORD)) {
            n.publish(failed());
        }
        server.verify(4, postRequestedFor(urlEqualTo("/api/webhooks/1234/s3cr3t-token")));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), slept);
        assertEquals(List.of("commit 0123456789ab: notification rollout.failed to discord.com not delivered after 4 tries: HTTP 503"),
                warnings());
        assertFalse(warnings().getFirst().contains("s3cr3t"));
    }

    @Test
    void a4xxIsNotRetried() {
        server.stubFor(post("/services/T000/B000/s3cr3t").willReturn(aResponse().withStatus(404).withBody("no_service")));
        try (Notifier n = notifier(Optional.empty(), SLACK)) {
            n.publish(failed());
        }
        server.verify(1, postRequestedFor(urlEqualTo("/services/T000/B000/s3cr3t")));
        assertEquals(List.of(), slept);
        assertEquals(List.of("commit 0123456789ab: notification rollout.failed to hooks.slack.com refused with HTTP 404 "
                + "(not retried); check the webhook URL"), warnings());
    }

    @Test
    void publishReturnsAtOnceWhileTheTargetIsSlow() {
        server.stubFor(post("/hooks/driftless").willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        try (Notifier n = notifier(Optional.empty(), "https://alerts.example.net/hooks/driftless")) {
            long start = System.nanoTime();
            n.publish(failed());
            n.publish(backupFailed());
            assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), "publish queued and returned");
        }
        server.verify(2, postRequestedFor(urlEqualTo("/hooks/driftless")));
    }

    @Test
    void aFullQueueDropsItsOldestWithAWarnAndTheNewestIsDelivered() {
        server.stubFor(post("/hooks/driftless").willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        Notifier n = new Notifier(List.of(Target.parse("https://alerts.example.net/hooks/driftless")), Optional.empty(),
                new NoticeRules(clock, Duration.ofMinutes(10)),
                new Notifier.Settings(2, 1, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10)),
                slept::add, uri -> URI.create("http://127.0.0.1:" + server.port() + uri.getRawPath()));
        try (n) {
            for (int i = 1; i <= 5; i++) {
                n.publish(new BackupFailed(AT, BAD, "db" + i, "scheduled", "pg_dump exited 1"));
            }
        }
        List<String> delivered = server.findAll(postRequestedFor(urlEqualTo("/hooks/driftless"))).stream()
                .map(r -> r.getBodyAsString().replaceAll("^.*\"backup\":\"(db\\d)\".*$", "$1")).toList();
        long dropped = warnings().stream().filter(w -> w.contains("dropped: 2 notifications wait already")).count();
        assertTrue(dropped >= 2, warnings().toString());
        assertEquals(5, delivered.size() + dropped, delivered + " " + warnings());
        assertEquals("db5", delivered.getLast(), "the oldest go, the newest stays");
        assertTrue(warnings().getFirst().startsWith("commit 0123456789ab backup db"), warnings().toString());
    }

    @Test
    void eachTargetGetsItsOwnPayload() {
        assertEquals(Target.Kind.DISCORD, Target.parse(DISCORD).kind());
        assertEquals(Target.Kind.DISCORD, Target.parse("https://discordapp.com/api/webhooks/1/x").kind());
        assertEquals(Target.Kind.GENERIC, Target.parse("https://discord.com/other").kind());
        assertEquals(Target.Kind.SLACK, Target.parse(SLACK).kind());
        assertEquals(Target.Kind.GENERIC, Target.parse("http://10.0.0.5:9000/x").kind());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Target.parse("ftp://files.example.net/s3cr3t"));
        assertEquals("--notify: a URL to files.example.net is not an http:// or https:// URL; give the webhook URL "
                + "exactly as the service hands it out", e.getMessage());
    }
}
