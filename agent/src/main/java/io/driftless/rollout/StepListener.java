package io.driftless.rollout;

import io.driftless.plan.Step;

import java.time.Instant;

/** Hears about each step as the executor carries it out (the reconciler logs and records them). */
public interface StepListener {
    StepListener NONE = new StepListener() {
        public void started(Step step) {
        }

        public void finished(Step step, Instant started, Instant finished, String result) {
        }
    };

    void started(Step step);

    /** @param result "ok", or what went wrong in one line */
    void finished(Step step, Instant started, Instant finished, String result);
}
