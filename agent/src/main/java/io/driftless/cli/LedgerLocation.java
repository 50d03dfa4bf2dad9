package io.driftless.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the commands that only need the ledger find it: the state dir, and {@code --ledger} when not SQLite. */
public final class LedgerLocation {
    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/driftless",
            description = "The agent's state dir (default: ${DEFAULT-VALUE}).")
    public Path stateDir;

    @Mixin
    public LedgerOptions ledger = new LedgerOptions();
}
