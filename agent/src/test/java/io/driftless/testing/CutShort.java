package io.driftless.testing;

import io.driftless.desired.Manifest;
import io.driftless.events.AgentEvent;
import io.driftless.events.EventSink;
import io.driftless.health.HealthGate;
import io.driftless.health.ProbeResult;
import io.driftless.plan.Planner;
import io.driftless.plan.Step;
import io.driftless.rollout.Executor;

import java.time.Duration;
import java.util.Optional;

/** Rollouts on a {@link FakeHost} as an agent runs them, whole or cut short by its death. */
public final class CutShort {
    private CutShort() {
    }

    /** An executor on {@code host} whose every container is healthy and stays so through the monitor window. */
    public static Executor healthyExecutor(FakeHost host) {
        FakeClock clock = new FakeClock();
        HealthGate gate = new HealthGate((uri, timeout) -> new ProbeResult.Healthy(200), clock, clock);
        return new Executor(host, host, gate, (watched, window, manifest) -> Optional.empty(), clock, clock, Duration.ofSeconds(3));
    }

    /**
     * Runs the plan for {@code m} on {@code host} until a step of kind {@code last} has finished, then stops dead, as
     * an agent killed at that moment does: nothing after it runs, nothing is undone.
     */
    public static void after(Class<? extends Step> last, FakeHost host, Manifest m, String revision) {
        final class Killed extends RuntimeException {
        }
        EventSink dies = event -> {
            if (event instanceof AgentEvent.StepFinished finished && last.isInstance(finished.step())) {
                throw new Killed();
            }
        };
        try {
            healthyExecutor(host).execute(Planner.plan(m, revision, host.state()), m, host.state(), dies);
            throw new AssertionError("the plan for " + revision + " has no " + last.getSimpleName() + " step");
        } catch (Killed expected) {
            // where the agent died
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
