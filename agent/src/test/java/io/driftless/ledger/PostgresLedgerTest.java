package io.driftless.ledger;

import io.driftless.events.Reason;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.Main;
import io.driftless.ledger.sql.PostgresLedgerAddress;
import io.driftless.ledger.sql.SqlLedger;
import io.driftless.testing.Integration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a ledger on a server has: migrations on an empty database, restarts, readers and bad addresses. */
@Integration
class PostgresLedgerTest {
    private static final String SHA = "a".repeat(40);
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

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
    void theMigrationsRunOnAFreshDatabaseAndIdsContinueAfterARestart() throws Exception {
        PostgresLedgerAddress address = postgres.freshLedger(folder);
        long first;
        try (Ledger ledger = SqlLedger.open(address)) {
            assertEquals("1,2,3,4,5", postgres.single(address,
                    "select string_agg(version, ',' order by installed_rank) from flyway_schema_history where success"));
            ledger.startRollout(SHA, T0);
            first = ledger.startRollout(SHA, T0.plusSeconds(1));
            ledger.event(T0, "info", null, null, "before the restart");
            assertEquals(1, ledger.recordBackup(new NewBackup("db", BackupKind.MANUAL, T0, "/b/1.dump", 1,
                    "a".repeat(64), true)));
        }
        try (Ledger ledger = SqlLedger.open(address)) {
            assertEquals(first + 1, ledger.startRollout(SHA, T0.plusSeconds(2)));
            ledger.event(T0.plusSeconds(3), "info", null, null, "after the restart");
            assertEquals("after the restart", ledger.recentEvents(1).getFirst().message());
            assertEquals(3, ledger.recentRollouts(10).size());
            assertEquals(2, ledger.recordBackupFailure("db", BackupKind.MANUAL, Reason.BACKUP_FAILED, "disk full",
                    T0.plusSeconds(4)));
        }
    }

    @Test
    void aReaderSeesWhatTheAgentWroteAndMayNotWrite() throws Exception {
        PostgresLedgerAddress address = postgres.freshLedger(folder);
        try (Ledger agent = SqlLedger.open(address); Ledger reader = SqlLedger.openReadOnly(address)) {
            agent.recordApplied(SHA, T0);
            assertEquals(Optional.of(SHA), reader.lastApplied());
            assertThrows(IllegalStateException.class, () -> reader.recordAttempt(SHA, T0));
            assertEquals(-1, agent.freeBytes());
        }
    }

    @Test
    void statusReadsThePostgresLedgerWithThePasswordFromAFile() throws Exception {
        PostgresLedgerAddress address = postgres.freshLedger(folder);
        try (Ledger agent = SqlLedger.open(address)) {
            agent.recordApplied(SHA, T0);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"status", "--json", "--ledger", address.url(), "--ledger-user",
                address.user().orElseThrow(), "--ledger-password-file", address.password().path().toString(),
                "--state-dir", folder.resolve("unused").toString()}, Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains(SHA), out.toString());
    }

    @Test
    void aReaderOfAnEmptyDatabaseSaysItIsNoLedgerAndCreatesNothing() throws Exception {
        PostgresLedgerAddress address = postgres.freshLedger(folder);
        LedgerException e = assertThrows(LedgerException.class, () -> SqlLedger.openReadOnly(address));
        assertTrue(e.getMessage().contains(address.url() + " is not a Driftless ledger"), e.getMessage());
        assertEquals("0", postgres.single(address,
                "select count(*) from information_schema.tables where table_schema = current_schema()"));
    }

    @Test
    void planReadsAnEmptyDatabaseAsNoLedgerYetAndCreatesNothing() throws Exception {
        PostgresLedgerAddress address = postgres.freshLedger(folder);

        assertEquals(Optional.empty(), SqlLedger.openForPlan(address));
        assertEquals("0", postgres.single(address,
                "select count(*) from information_schema.tables where table_schema = current_schema()"));
    }

    @Test
    void planReadsTheAgentsLedgerAndMayNotWrite() throws Exception {
        PostgresLedgerAddress address = postgres.freshLedger(folder);
        try (Ledger agent = SqlLedger.open(address)) {
            agent.recordApplied(SHA, T0);
        }
        try (Ledger plan = SqlLedger.openForPlan(address).orElseThrow()) {
            assertEquals(Optional.of(SHA), plan.lastApplied());
            assertThrows(IllegalStateException.class, () -> plan.recordAttempt(SHA, T0));
        }
    }

    @Test
    void planRefusesADatabaseThatHoldsSomethingElse() throws Exception {
        PostgresLedgerAddress address = postgres.freshLedger(folder);
        postgres.execute(address, "create table invoices (id bigint)");

        LedgerException e = assertThrows(LedgerException.class, () -> SqlLedger.openForPlan(address));
        assertTrue(e.getMessage().contains(address.url() + " is not a Driftless ledger"), e.getMessage());
    }

    @Test
    void anUnreachableServerIsOneLineNamingTheUrl() throws Exception {
        PostgresLedgerAddress good = postgres.freshLedger(folder);
        String url = "jdbc:postgresql://127.0.0.1:1/driftless";
        PostgresLedgerAddress address = new PostgresLedgerAddress(url, good.user(), good.password());
        LedgerException e = assertThrows(LedgerException.class, () -> SqlLedger.open(address));
        assertTrue(e.getMessage().startsWith("cannot open the ledger " + url + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aWrongPasswordNeverShowsThePassword() throws Exception {
        PostgresLedgerAddress good = postgres.freshLedger(folder);
        java.nio.file.Files.writeString(good.password().path(), "not-the-password\n");
        LedgerException e = assertThrows(LedgerException.class, () -> SqlLedger.open(good));
        assertTrue(e.getMessage().contains(good.url()), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aPasswordInTheUrlIsRefused() throws Exception {
        PostgresLedgerAddress good = postgres.freshLedger(folder);
        PostgresLedgerAddress address = new PostgresLedgerAddress(good.url() + "&password=secret", good.user(),
                good.password());
        LedgerException e = assertThrows(LedgerException.class, () -> SqlLedger.open(address));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
