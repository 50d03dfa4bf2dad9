package io.driftless.events;

import io.driftless.events.AgentEvent.*;
import io.driftless.plan.Change;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sentences operators read: the same words the journal wrote before events existed. */
class EventTextTest {
    static final Instant AT = Instant.parse("2026-12-02T03:00:00Z");
    static final String TIP = "0123456789abcdef0123456789abcdef01234567";
    static final String GOOD = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void aLineNamesTheShortCommitAndTheService() {
        EventText.Line line = single(new StepStarted(AT, TIP, new io.driftless.plan.Step.RemoveContainer("web",
                io.driftless.live.Slot.GREEN, "c1", "left over")));
        assertEquals(Severity.INFO, line.severity());
        assertTrue(line.toString().startsWith("commit 0123456789ab service web: "), line.toString());
    }

    @Test
    void aLineWithoutACommitSaysSo() {
        assertEquals("commit -: cannot reach Docker: connection refused",
                single(new HostUnreachable(AT, Part.DOCKER, "connection refused")).toString());
        assertEquals("commit -: cannot read Caddy's routes: 502",
                single(new HostUnreachable(AT, Part.PROXY, "502")).toString());
    }

    @Test
    void aRefusedCommitListsEachProblemThenTheFailure() {
        List<EventText.Line> lines = EventText.lines(new RolloutFailed(AT, TIP, Reason.POLICY_VIOLATION,
                "service web: privileged; service api: host network", List.of("service web: privileged", "service api: host network")));
        assertEquals(List.of("commit 0123456789ab: service web: privileged", "commit 0123456789ab: service api: host network",
                        "commit 0123456789ab: failed (PolicyViolation): service web: privileged; service api: host network"),
                lines.stream().map(EventText.Line::toString).toList());
        assertTrue(lines.stream().allMatch(l -> l.severity() == Severity.ERROR));
    }

    @Test
    void aRolloutTellsEachChangeUnderItsService() {
        List<EventText.Line> lines = EventText.lines(new RolloutStarted(AT, TIP, 7, List.of(
                new Change("web", "image", "acme/web:1", "acme/web:2"), new Change("worker", "added", null, "acme/w:1"))));
        assertEquals(List.of("commit 0123456789ab service web: image: acme/web:1 → acme/web:2",
                "commit 0123456789ab service worker: added: acme/w:1"), lines.stream().map(EventText.Line::toString).toList());
    }

    @Test
    void theWordsOfAPassAreThoseOperatorsKnow() {
        assertEquals("new tip of the branch", text(new TipSeen(AT, TIP, false)));
        assertEquals("retrying as asked", text(new TipSeen(AT, TIP, true)));
        assertEquals("applied in 1.25s", text(new RolloutApplied(AT, TIP, Duration.ofMillis(1250), false)));
        assertEquals("applied (the host already ran it)", text(new RolloutApplied(AT, TIP, Duration.ZERO, true)));
        assertEquals("applied in 0.5s", text(new DriftRepaired(AT, TIP, Duration.ofMillis(500))));
        assertEquals("failed earlier (HealthGateFailed: GET /healthz did not answer 2xx); not retried. Push a fix or a "
                        + "revert, or run 'driftless reconcile --retry'",
                text(new FailedCommitSkipped(AT, TIP, "HealthGateFailed", "GET /healthz did not answer 2xx")));
        assertEquals("cannot read the repository (1 time in a row): 503; the host keeps running the last known-good commit",
                text(new SourceUnavailable(AT, 1, "503")));
        assertEquals("cannot read the repository (3 times in a row): 503; the host keeps running the last known-good commit",
                text(new SourceUnavailable(AT, 3, "503")));
        assertEquals("the repository answers again after 3 failed fetch(es)", text(new SourceBack(AT, 3)));
        assertEquals("restoring the last known-good commit (tip 0123456789ab is failed)",
                text(new RollbackStarted(AT, GOOD, TIP)));
        assertEquals("rollout stopped because the host failed (DockerError): gone; the commit is not blamed, and the next "
                + "pass tries again", text(new RolloutStopped(AT, TIP, "web", Reason.DOCKER_ERROR, "gone")));
        assertEquals("the disk holding /var/lib/driftless is full (12 bytes free): no rollout starts until there is room; "
                + "the host keeps running as it is. Make room on that disk", text(new DiskFull(AT, "/var/lib/driftless", 12)));
    }

    @Test
    void aFinishedRollbackIsToldByItsStartLine() {
        assertEquals(List.of(), EventText.lines(new RolledBack(AT, GOOD, TIP, Duration.ofSeconds(4))));
    }

    @Test
    void aFinishedStepIsHistoryNotALine() {
        assertEquals(List.of(), EventText.lines(new StepFinished(AT, TIP, new io.driftless.plan.Step.Drain(Duration.ofSeconds(3),
                List.of("web")), AT.minusSeconds(3), null)));
    }

    @Test
    void severitiesFollowWhoMustAct() {
        assertEquals(Severity.ERROR, new RolloutFailed(AT, TIP, Reason.HEALTH_GATE_FAILED, "m", List.of()).severity());
        assertEquals(Severity.WARN, new RolloutStopped(AT, TIP, null, Reason.PROXY_UNAVAILABLE, "m").severity());
        assertEquals(Severity.INFO, new RolledBack(AT, GOOD, TIP, Duration.ZERO).severity());
    }

    private static EventText.Line single(AgentEvent event) {
        List<EventText.Line> lines = EventText.lines(event);
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    private static String text(AgentEvent event) {
        return single(event).text();
    }
}
