package io.driftless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.driftless.cli.LedgerOptions;
import io.driftless.ledger.Ledger;
import io.driftless.ledger.PostgresScratch;
import io.driftless.ledger.Status;
import io.driftless.ledger.sql.PostgresLedgerAddress;
import io.driftless.ledger.sql.SqlLedger;
import io.driftless.testing.Integration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ledger jdbc:postgresql://...} as {@code plan} opens it. */
@Integration
class LedgersOnPostgresTest {
    private static PostgresScratch postgres;

    @TempDir
    Path folder;

    @BeforeAll
    static void scratch() {
        postgres = PostgresScratch.create();
    }

    @AfterAll
    static void drop() {
        postgres.close();
    }

    @Test
    void planOnAnEmptyPostgresLedgerReadsAnEmptyLedgerAndCreatesNothing() throws Exception {
        PostgresLedgerAddress address = postgres.freshLedger(folder);

        try (Ledger ledger = new Ledgers(options(address)).plans().apply(folder.resolve("state"))) {
            assertEquals(new Status(null, null, List.of(), List.of(), List.of(), null), ledger.status());
        }
        assertEquals("0", postgres.single(address,
                "select count(*) from information_schema.tables where table_schema = current_schema()"));
    }

    @Test
    void planOnThePostgresLedgerOfTheAgentReadsIt() throws Exception {
        PostgresLedgerAddress address = postgres.freshLedger(folder);
        String sha = "a".repeat(40);
        try (Ledger agent = SqlLedger.open(address)) {
            agent.recordApplied(sha, Instant.parse("2026-01-02T03:04:05Z"));
        }

        try (Ledger ledger = new Ledgers(options(address)).plans().apply(folder.resolve("state"))) {
            assertEquals(Optional.of(sha), ledger.lastApplied());
        }
    }

    private static LedgerOptions options(PostgresLedgerAddress address) {
        LedgerOptions options = new LedgerOptions();
        options.ledger = address.url();
        options.user = address.user().orElseThrow();
        options.passwordFile = address.password().path();
        return options;
    }
}
