package io.driftless.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a {@link LoadGenerator} run saw. Every request is either an answer (2xx, complete) or a failure
 * (non-2xx, connection refused, closed or reset with the request outstanding, incomplete, timed out).
 *
 * @param answers  2xx responses, in completion order
 * @param failures everything else, in time order, each with its cause
 * @param connections TCP connections opened
 * @param reusedRequests requests sent on a connection that had already carried one (keep-alive at work)
 */
public record LoadReport(Duration elapsed, List<Answer> answers, List<Failure> failures, long connections,
                         long reusedRequests) {
    public LoadReport {
        answers = answers.stream().sorted(Comparator.comparing(Answer::at)).toList();
        failures = failures.stream().sorted(Comparator.comparing(Failure::at)).toList();
    }

    /**
     * @param at      when the answer was complete
     * @param latency from just before the request was written (the connection opened first, if it was a
     *                fresh one) until the answer was complete
     */
    public record Answer(Instant at, String worker, int status, String body, Duration latency) {
        /** When the request started: {@code at - latency}. */
        public Instant started() {
            return at.minus(latency);
        }
    }

    /**
     * @param at      when the request failed (the error or the incomplete answer was seen)
     * @param latency from the request's start until then
     */
    public record Failure(Instant at, String worker, String cause, Duration latency) {
        public Instant started() {
            return at.minus(latency);
        }
    }

    public int total() {
        return answers.size() + failures.size();
    }

    public int ok() {
        return answers.size();
    }

    public int failed() {
        return failures.size();
    }

    public double requestsPerSecond() {
        return elapsed.isZero() ? 0 : total() * 1000.0 / elapsed.toMillis();
    }

    public Map<String, Long> countByBody() {
        return answers.stream().collect(Collectors.groupingBy(Answer::body, TreeMap::new, Collectors.counting()));
    }

    /** The bodies in completion order with repeats collapsed: v1, v2, v1 means it went back. */
    public List<String> distinctBodiesInOrder() {
        List<String> sequence = new ArrayList<>();
        for (Answer answer : answers) {
            if (sequence.isEmpty() || !sequence.getLast().equals(answer.body())) {
                sequence.add(answer.body());
            }
        }
        return sequence;
    }

    /** Answers completed in [from, to). */
    public List<Answer> answersBetween(Instant from, Instant to) {
        return answers.stream().filter(a -> !a.at().isBefore(from) && a.at().isBefore(to)).toList();
    }

    public String summary() {
        return String.format("%d requests in %.1f s (%.1f req/s): %d ok, %d failed; %d connections, %d requests on"
                        + " reused keep-alive connections; bodies %s%s", total(), elapsed.toMillis() / 1000.0,
                requestsPerSecond(), ok(), failed(), connections, reusedRequests, countByBody(),
                failures.isEmpty() ? "" : "; failures: " + failures.stream().limit(20).map(Failure::toString).toList());
    }
}
