package io.driftless;

import io.driftless.cli.AgentOptions;
import io.driftless.cli.Assembly;
import io.driftless.cli.LedgerOptions;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.Status;
import io.driftless.source.SourceException;

import java.nio.file.Path;
import java.util.Map;

/**
 * The commands' way to the agent: every part is built here (or in {@link Agent}, {@link LockedAgent} and
 * {@link AgentRun}), and every secret or setting read from the environment comes from the one map
 * {@link Main#execute} was given.
 */
final class Composition implements Assembly {
    private final Map<String, String> environment;

    Composition(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public int run(AgentOptions options) throws Exception {
        LogOutput.select(options);
        return AgentRun.run(options, environment);
    }

    @Override
    public Agent agent(AgentOptions options) throws SourceException {
        // A newer binary's plan must never migrate (or create) the ledger of the agent running beside it.
        LogOutput.select(options);
        return Agent.assemble(options, environment, new Ledgers(options.ledger).plans());
    }

    @Override
    public LockedAgent lockedAgent(AgentOptions options) throws Exception {
        LogOutput.select(options);
        return LockedAgent.open(options, environment);
    }

    @Override
    public Agent backupAgent(AgentOptions options) throws SourceException {
        LogOutput.select(options);
        return Agent.assemble(options, environment, new Ledgers(options.ledger).agents());
    }

    @Override
    public java.util.List<io.driftless.ledger.BackupRecord> storedBackups(Path stateDir, LedgerOptions options, String name) {
        try (Ledger ledger = new Ledgers(options).reader(stateDir)) {
            java.util.List<String> names = name != null ? java.util.List.of(name)
                    : ledger.backupStatus().stream().map(io.driftless.ledger.BackupStatus::name).toList();
            return names.stream().flatMap(n -> ledger.storedBackups(n).stream())
                    .sorted(java.util.Comparator.comparing(io.driftless.ledger.BackupRecord::at)
                            .thenComparingLong(io.driftless.ledger.BackupRecord::id))
                    .toList();
        }
    }

    @Override
    public Status status(Path stateDir, LedgerOptions options) {
        try (Ledger ledger = new Ledgers(options).reader(stateDir)) {
            return ledger.status();
        }
    }

    @Override
    public java.util.List<io.driftless.ledger.RolloutRecord> history(Path stateDir, LedgerOptions options, int limit) {
        try (Ledger ledger = new Ledgers(options).reader(stateDir)) {
            return ledger.recentRollouts(limit);
        }
    }

    @Override
    public java.util.Optional<io.driftless.ledger.Suspension> suspend(Path stateDir, LedgerOptions options,
            io.driftless.ledger.Suspension suspension) {
        try (Ledger ledger = new Ledgers(options).agents().apply(stateDir)) {
            return ledger.suspend(suspension);
        }
    }

    @Override
    public java.util.Optional<io.driftless.ledger.Suspension> resume(Path stateDir, LedgerOptions options) {
        try (Ledger ledger = new Ledgers(options).agents().apply(stateDir)) {
            return ledger.resume();
        }
    }
}
