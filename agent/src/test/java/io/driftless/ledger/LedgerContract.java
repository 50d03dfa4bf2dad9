package io.driftless.ledger;

import io.driftless.ledger.memory.MemoryLedger;
import io.driftless.ledger.sql.PostgresLedgerAddress;
import io.driftless.ledger.sql.SqlLedger;
import io.driftless.testing.Integration;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * What every store must do alike: each test of a subclass runs once per embedded {@link Store}, and once on
 * PostgreSQL in the {@link Integration} subclass beside it ({@code ...OnPostgresTest}), so the fast lane needs no
 * server.
 */
@ParameterizedClass(name = "{0}")
@ArgumentsSource(LedgerContract.Stores.class)
abstract class LedgerContract {
    enum Store { SQLITE, MEMORY, POSTGRESQL }

    /** The embedded stores for a plain test class, PostgreSQL alone for an {@link Integration} one. */
    static final class Stores implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
            boolean integration = context.getRequiredTestClass().isAnnotationPresent(Integration.class);
            return (integration ? Stream.of(Store.POSTGRESQL) : Stream.of(Store.SQLITE, Store.MEMORY)).map(Arguments::of);
        }
    }

    /** One scratch database per test class, a schema per test in it; dropped after the class. */
    private static PostgresScratch postgres;

    @Parameter
    Store store;

    @TempDir
    Path stateDir;

    private MemoryLedger memory;
    private PostgresLedgerAddress server;

    /**
     * The ledger of this test's state dir. SQLite and PostgreSQL open theirs again each time, so opening twice is a
     * restart; memory has one ledger per test, which outlives its {@code close()}.
     */
    Ledger open() {
        return switch (store) {
            case SQLITE -> SqlLedger.open(stateDir);
            case MEMORY -> memory == null ? (memory = new MemoryLedger()) : memory;
            case POSTGRESQL -> SqlLedger.open(server == null ? (server = freshServerLedger()) : server);
        };
    }

    private PostgresLedgerAddress freshServerLedger() {
        if (postgres == null) {
            postgres = PostgresScratch.create();
        }
        try {
            return postgres.freshLedger(stateDir);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new AssertionError("cannot create a schema for the test: " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void dropScratchDatabase() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
