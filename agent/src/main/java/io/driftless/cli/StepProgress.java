package io.driftless.cli;

import io.driftless.events.AgentEvent;
import io.driftless.events.AgentEvent.StepFinished;
import io.driftless.events.AgentEvent.StepStarted;
import io.driftless.events.EventSink;
import io.driftless.events.EventText;
import io.driftless.plan.Step;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code driftless reconcile}'s steps as they happen, one line each. On a terminal the running step's line is
 * rewritten ({@code \r}) with the time it has taken so far, by a ticker that lives only while the step runs, and
 * ends with its result; elsewhere (a pipe, a file) each step is one plain line when it ends. The journal's own
 * step lines are kept off the terminal meanwhile (see {@link Assembly.OneShot#showStepsWith}), so each step shows once;
 * it hears each event before the journal writes it, and on a terminal clears the running line for the journal's.
 */
final class StepProgress implements EventSink {
    private static final String ERASE_TO_END = "\033[K";
    private final PrintWriter terminal;
    private final boolean tty;
    private final Supplier<Instant> clock;
    private final Function<Runnable, AutoCloseable> ticker;
    private StepStarted running;
    private AutoCloseable ticking;

    /**
     * @param ticker on a terminal, starts calling its argument every so often and returns what stops it; not used
     *               elsewhere
     */
    StepProgress(PrintWriter terminal, boolean tty, Supplier<Instant> clock, Function<Runnable, AutoCloseable> ticker) {
        this.terminal = terminal;
        this.tty = tty;
        this.clock = clock;
        this.ticker = ticker;
    }

    @Override
    public synchronized void publish(AgentEvent event) {
        switch (event) {
            case StepStarted started -> {
                stopTicking();
                running = started;
                if (tty) {
                    draw(Duration.ZERO);
                    ticking = ticker.apply(this::tick);
                }
            }
            case StepFinished finished -> {
                stopTicking();
                running = null;
                terminal.print((tty ? "\r" : "") + finishedLine(finished) + (tty ? ERASE_TO_END : "") + "\n");
                terminal.flush();
            }
            default -> {
                if (tty && running != null && !EventText.lines(event).isEmpty()) {
                    // The journal writes this event's lines next: an empty line for them; the next tick redraws.
                    terminal.print("\r" + ERASE_TO_END);
                    terminal.flush();
                }
            }
        }
    }

    /** Rewrites the running step's line with its time so far; nothing when no step runs or not on a terminal. */
    synchronized void tick() {
        if (tty && running != null) {
            draw(Duration.between(running.at(), clock.get()));
        }
    }

    private void draw(Duration sofar) {
        terminal.print("\r" + name(running.step()) + " ... " + seconds(sofar) + ERASE_TO_END);
        terminal.flush();
    }

    static String finishedLine(StepFinished finished) {
        String took = seconds(finished.took());
        return name(finished.step()) + (finished.problem() == null ? ": ok in " + took
                : ": failed after " + took + ": " + finished.problem());
    }

    private static String name(Step step) {
        return (step.service() == null ? "" : step.service() + ": ") + step.describe();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", Math.max(0, duration.toMillis()) / 1000.0);
    }

    private void stopTicking() {
        if (ticking != null) {
            try {
                ticking.close();
            } catch (Exception e) {
                // A ticker that will not stop only redraws a line that is no longer running: tick() draws nothing then.
            }
            ticking = null;
        }
    }
}
