package io.driftless.schedule;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait after {@code n} runs in a row that could not finish: {@code start} doubled each time, each wait drawn
 * between 50% and 150% of that so agents that failed together spread out, and never above {@code cap}.
 * (Resilience4j's exponential random backoff, with the randomness injected.)
 */
record RetryDelay(Duration start, Duration cap) {
    Duration after(int failures, RandomGenerator random) {
        long capMillis = cap.toMillis();
        double doubled = start.toMillis();
        for (int i = 1; i < failures && doubled < 2.0 * capMillis; i++) {
            doubled = (long) (doubled * 2.0);
        }
        double drawn = doubled * 0.5 + random.nextDouble() * (doubled + 1);
        return Duration.ofMillis(Math.min((long) drawn, capMillis));
    }
}
