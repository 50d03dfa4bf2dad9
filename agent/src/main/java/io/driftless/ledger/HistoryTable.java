package io.driftless.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code driftless history} for a person: one block per rollout, newest first. The block's first line says how it
 * ended, when, and how long it took; then the commit and its subject, the reason of a failure, and each step with
 * its duration and result. Revisions are shortened; {@code --json} has them in full.
 */
public final class HistoryTable {
    private HistoryTable() {}

    /** @param now the reader's clock, to say how long ago each rollout was */
    public static String render(List<RolloutRecord> rollouts, Instant now) {
        if (rollouts.isEmpty()) {
            return "No rollouts yet: the agent has not changed anything on this host.\n";
        }
        StringBuilder out = new StringBuilder();
        for (RolloutRecord r : rollouts) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            block(out, r, now);
        }
        return out.toString();
    }

    private static void block(StringBuilder out, RolloutRecord r, Instant now) {
        out.append('#').append(r.id()).append("  ").append(outcome(r).toUpperCase(Locale.ROOT)).append("  ")
                .append(StatusTable.when(r.startedAt(), now)).append("  ")
                .append(r.finishedAt() == null ? "running for " + StatusTable.span(Duration.between(r.startedAt(), now))
                        : "took " + StatusTable.seconds(durationMs(r))).append('\n');
        out.append("    commit  ").append(StatusTable.shortSha(r.revision()))
                .append(r.subject() == null ? "" : "  " + StatusTable.oneLine(r.subject())).append('\n');
        if (r.reason() != null) {
            out.append("    reason  ").append(r.reason()).append('\n');
        }
        if (r.steps().isEmpty()) {
            out.append("    steps   none recorded\n");
            return;
        }
        int width = r.steps().stream().mapToInt(s -> s.step().length()).max().orElse(0) + 2;
        for (RolloutStep s : r.steps()) {
            out.append("    ").append(String.format(Locale.ROOT, "%2d. ", s.seq())).append(StatusTable.pad(s.step(), width))
                    .append(StatusTable.pad(StatusTable.seconds(s.took().toMillis()), 9))
                    .append(StatusTable.oneLine(s.result())).append('\n');
        }
    }

    /** {@code applied}, {@code failed}, {@code interrupted}, or {@code running}: the word in both outputs. */
    static String outcome(RolloutRecord r) {
        return r.outcome() == null ? "running" : r.outcome().name().toLowerCase(Locale.ROOT);
    }

    /** How long it took, or -1 while it runs. */
    static long durationMs(RolloutRecord r) {
        return r.finishedAt() == null ? -1 : Duration.between(r.startedAt(), r.finishedAt()).toMillis();
    }

    /** One rollout as {@code history --json} prints it. */
    public record Json(long id, String revision, String subject, String outcome, String reason, Instant startedAt,
            Instant finishedAt, Long durationMs, List<Step> steps) {
        static Json of(RolloutRecord r) {
            return new Json(r.id(), r.revision(), r.subject(), HistoryTable.outcome(r), r.reason(), r.startedAt(), r.finishedAt(),
                    r.finishedAt() == null ? null : HistoryTable.durationMs(r), r.steps().stream().map(Step::of).toList());
        }
    }

    /** One step as {@code history --json} prints it. */
    public record Step(int seq, String name, Instant startedAt, Instant finishedAt, long durationMs, String result) {
        static Step of(RolloutStep s) {
            return new Step(s.seq(), s.step(), s.startedAt(), s.finishedAt(), s.took().toMillis(), s.result());
        }
    }
}
