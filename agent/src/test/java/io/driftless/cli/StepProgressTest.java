package io.driftless.cli;

import io.driftless.events.AgentEvent.StepFinished;
import io.driftless.events.AgentEvent.StepStarted;
import io.driftless.events.AgentEvent.TipSeen;
import io.driftless.live.Slot;
import io.driftless.plan.Step;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepProgressTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
    private final StringWriter out = new StringWriter();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final List<Runnable> tickers = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private StepProgress progress(boolean tty) {
        return new StepProgress(new PrintWriter(out), tty, now::get, tick -> {
            tickers.add(tick);
            events.add("ticker started");
            return () -> events.add("ticker stopped");
        });
    }

    private static final Step START = new Step.StartContainer("web", Slot.GREEN, "abcdef1234567890");
    private static final Step REMOVE = new Step.RemoveContainer("api", Slot.BLUE, "0000111122223333", "stale");

    private static StepStarted started(Step step, Instant at) {
        return new StepStarted(at, SHA, step);
    }

    private static StepFinished finished(Step step, Instant started, Duration took, String problem) {
        return new StepFinished(started.plus(took), SHA, step, started, problem);
    }

    @Test
    void onATerminalTheRunningLineIsRewrittenWithItsTimeAndEndsWithTheResult() {
        StepProgress progress = progress(true);

        progress.publish(started(START, T0));
        now.set(T0.plusMillis(250));
        progress.tick();
        now.set(T0.plusMillis(1750));
        progress.tick();
        progress.publish(finished(START, T0, Duration.ofMillis(1800), null));
        progress.tick(); // the ticker of a finished step draws nothing
        Instant t1 = T0.plusSeconds(2);
        progress.publish(started(REMOVE, t1));
        progress.publish(finished(REMOVE, t1, Duration.ofMillis(40), "container is gone"));

        assertEquals("\rweb: start stopped green container abcdef123456 ... 0.0s\033[K"
                + "\rweb: start stopped green container abcdef123456 ... 0.3s\033[K"
                + "\rweb: start stopped green container abcdef123456 ... 1.8s\033[K"
                + "\rweb: start stopped green container abcdef123456: ok in 1.8s\033[K\n"
                + "\rapi: remove blue container 000011112222 (stale) ... 0.0s\033[K"
                + "\rapi: remove blue container 000011112222 (stale): failed after 0.0s: container is gone\033[K\n", out.toString());
        assertEquals(List.of("ticker started", "ticker stopped", "ticker started", "ticker stopped"), events);
    }

    @Test
    void onATerminalAnotherEventsLineGetsAClearedLineAndTheNextTickRedraws() {
        StepProgress progress = progress(true);

        progress.publish(started(START, T0));
        progress.publish(new TipSeen(T0, SHA, false));
        now.set(T0.plusMillis(500));
        tickers.getFirst().run();

        assertEquals("\rweb: start stopped green container abcdef123456 ... 0.0s\033[K"
                + "\r\033[K"
                + "\rweb: start stopped green container abcdef123456 ... 0.5s\033[K", out.toString());
    }

    @Test
    void elsewhereEachStepIsOnePlainLineWhenItEndsAndNothingTicks() {
        StepProgress progress = progress(false);

        progress.publish(started(START, T0));
        now.set(T0.plusSeconds(1));
        progress.tick();
        progress.publish(new TipSeen(T0, SHA, false));
        progress.publish(finished(START, T0, Duration.ofMillis(12_340), null));
        progress.publish(started(REMOVE, T0));
        progress.publish(finished(REMOVE, T0, Duration.ofMillis(60), "no such container"));

        assertEquals("web: start stopped green container abcdef123456: ok in 12.3s\n"
                + "api: remove blue container 000011112222 (stale): failed after 0.1s: no such container\n", out.toString());
        assertTrue(events.isEmpty(), "no ticker off a terminal: " + events);
        assertTrue(!out.toString().contains("\r"));
    }
}
