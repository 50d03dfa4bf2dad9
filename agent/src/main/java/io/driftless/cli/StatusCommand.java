package io.driftless.cli;

import io.driftless.ledger.Status;
import io.driftless.ledger.StatusJson;
import io.driftless.ledger.StatusTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "status", description = {"What the agent last did and what runs, from its ledger (works while Docker or the agent is down)."})
public final class StatusCommand implements Callable<Integer> {
    private final Assembly assembly;

    @Spec
    CommandSpec spec;

    @Mixin
    LedgerLocation where = new LedgerLocation();

    @Option(names = "--json", description = "Machine-readable output (the fields are a stable contract).")
    boolean json;

    public StatusCommand(Assembly assembly) {
        this.assembly = assembly;
    }

    @Override
    public Integer call() {
        Status status = assembly.status(where.stateDir, where.ledger);
        spec.commandLine().getOut().println(json ? StatusJson.render(status) : StatusTable.render(status, java.time.Instant.now()));
        return 0;
    }
}
