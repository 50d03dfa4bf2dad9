package io.driftless;

import io.driftless.cli.LedgerOptions;
import io.driftless.io.SecretFile;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.memory.MemoryLedger;
import io.driftless.ledger.sql.PostgresLedgerAddress;
import io.driftless.ledger.sql.SqlLedger;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** The ledger {@code --ledger} names, opened as each command needs it: SQLite in the state dir, or PostgreSQL. */
record Ledgers(LedgerOptions options) {
    /** The agent's own, created or migrated as need be ({@code run}, {@code reconcile}). */
    Function<Path, Ledger> agents() {
        return server().<Function<Path, Ledger>>map(address -> stateDir -> SqlLedger.open(address))
                .orElse(SqlLedger::open);
    }

    /**
     * What {@code plan} reads: never migrated or created (a newer binary's plan must not touch the ledger of the
     * agent running beside it); an empty ledger where the agent has not run yet (no SQLite file, or an empty
     * PostgreSQL database).
     */
    Function<Path, Ledger> plans() {
        return server().<Function<Path, Ledger>>map(address -> stateDir -> orEmpty(SqlLedger.openForPlan(address)))
                .orElse(stateDir -> orEmpty(SqlLedger.openForPlan(stateDir)));
    }

    private static Ledger orEmpty(Optional<SqlLedger> ledger) {
        return ledger.<Ledger>map(l -> l).orElseGet(MemoryLedger::new);
    }

    /** What {@code status} reads. */
    Ledger reader(Path stateDir) {
        return server().map(SqlLedger::openReadOnly).orElseGet(() -> SqlLedger.openReadOnly(stateDir));
    }

    private Optional<PostgresLedgerAddress> server() {
        if (options.sqlite()) {
            return Optional.empty();
        }
        SecretFile password = options.passwordFile == null ? null : new SecretFile(options.passwordFile,
                "--ledger-password-file", "the ledger user's password", "--ledger-password-file");
        return Optional.of(new PostgresLedgerAddress(options.ledger, Optional.ofNullable(options.user), password));
    }
}
