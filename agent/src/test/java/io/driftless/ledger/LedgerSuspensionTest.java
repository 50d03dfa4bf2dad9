package io.driftless.ledger;

import static io.driftless.ledger.Revisions.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerSuspensionTest extends LedgerContract {
    @Test
    void aSuspensionIsKeptAcrossARestartUntilResumedAndStatusShowsIt() {
        Suspension s = new Suspension(at(5), "ops@vps1", "db migration");
        try (Ledger ledger = open()) {
            assertEquals(Optional.empty(), ledger.suspension());
            assertNull(ledger.status().suspended());
            assertEquals(Optional.empty(), ledger.suspend(s));
        }
        try (Ledger ledger = open()) {
            assertEquals(Optional.of(s), ledger.suspension());
            assertEquals(s, ledger.status().suspended());
            assertEquals(Optional.of(s), ledger.resume());
            assertEquals(Optional.empty(), ledger.suspension());
            assertNull(ledger.status().suspended());
        }
    }

    @Test
    void suspendingTwiceKeepsTheFirstAndResumingTwiceFindsNothing() {
        Suspension first = new Suspension(at(1), "ops@vps1", null);
        try (Ledger ledger = open()) {
            ledger.suspend(first);
            assertEquals(Optional.of(first), ledger.suspend(new Suspension(at(9), "dev@laptop", "again")));
            assertEquals(Optional.of(first), ledger.suspension());
            assertEquals(Optional.of(first), ledger.resume());
            assertEquals(Optional.empty(), ledger.resume());
        }
    }

    @Test
    void aBlankReasonIsNone() {
        try (Ledger ledger = open()) {
            ledger.suspend(new Suspension(at(1), "ops@vps1", "  "));
            assertNull(ledger.suspension().orElseThrow().reason());
        }
    }
}
