package io.driftless.ledger;

import io.driftless.ledger.memory.MemoryLedger;
import io.driftless.ledger.sql.SqlLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What every store must do alike: each test of a subclass runs once per {@link Store}. */
@ParameterizedClass(name = "{0}")
@EnumSource(LedgerContract.Store.class)
abstract class LedgerContract {
    enum Store { SQLITE, MEMORY }

    @Parameter
    Store store;

    @TempDir
    Path stateDir;

    private MemoryLedger memory;

    /**
     * The ledger of this test's state dir. SQLite opens its file again each time, so opening twice is a restart;
     * memory has one ledger per test, which outlives its {@code close()}.
     */
    Ledger open() {
        return switch (store) {
            case SQLITE -> SqlLedger.open(stateDir);
            case MEMORY -> memory == null ? (memory = new MemoryLedger()) : memory;
        };
    }
}
