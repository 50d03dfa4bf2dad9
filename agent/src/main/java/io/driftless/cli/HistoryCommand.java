package io.driftless.cli;

import io.driftless.ledger.HistoryTable;
import io.driftless.ledger.RolloutRecord;
import io.driftless.ledger.StatusJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history", description = {"The last rollouts, newest first: commit, outcome, reason, duration and "
        + "each step, from the ledger (read-only; works while Docker or the agent is down)."})
public final class HistoryCommand implements Callable<Integer> {
    private final Assembly assembly;

    @Spec
    CommandSpec spec;

    @Mixin
    LedgerLocation where = new LedgerLocation();

    @Option(names = "--json", description = "Machine-readable output: an array, newest first (full commit SHAs).")
    boolean json;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "How many rollouts to show (default: ${DEFAULT-VALUE}).")
    int limit;

    public HistoryCommand(Assembly assembly) {
        this.assembly = assembly;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "-n must be at least 1, got " + limit);
        }
        List<RolloutRecord> rollouts = assembly.history(where.stateDir, where.ledger, limit);
        spec.commandLine().getOut().print(json ? StatusJson.renderHistory(rollouts) + "\n"
                : HistoryTable.render(rollouts, Instant.now()));
        return 0;
    }
}
