package io.driftless.ledger;

import static io.driftless.ledger.Revisions.at;
import static io.driftless.ledger.Revisions.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerEventsTest extends LedgerContract {
    @Test
    void eventsComeBackNewestFirstWithWhatTheyConcern() {
        try (Ledger ledger = open()) {
            ledger.event(at(0), "INFO", sha('a'), null, "applied aaaaaaaaaaaa");
            ledger.event(at(1), "warn", null, "web", "web-blue was stopped by hand; starting it again");
            ledger.event(at(2), "ERROR", sha('b'), "web", "web-green failed its health gate");

            List<EventRecord> events = ledger.recentEvents(2);
            assertEquals(List.of(
                    new EventRecord(3, at(2), "ERROR", sha('b'), "web", "web-green failed its health gate"),
                    new EventRecord(2, at(1), "WARN", null, "web", "web-blue was stopped by hand; starting it again")),
                    events);
        }
    }

    @Test
    void unknownLevelsAreRefused() {
        try (Ledger ledger = open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ledger.event(at(0), "FATAL", null, null, "boom"));
            assertTrue(e.getMessage().contains("INFO, WARN or ERROR"), e.getMessage());
            assertEquals(List.of(), ledger.recentEvents(10));
        }
    }

    @Test
    void onlyTheNewestEventsAreKept() {
        try (Ledger ledger = open()) {
            for (int i = 0; i < Ledger.KEEP_EVENTS + 5; i++) {
                ledger.event(at(i), "INFO", null, null, "pass " + i);
            }

            List<EventRecord> kept = ledger.recentEvents(Ledger.KEEP_EVENTS + 100);
            assertEquals(Ledger.KEEP_EVENTS, kept.size());
            assertEquals("pass " + (Ledger.KEEP_EVENTS + 4), kept.getFirst().message());
            assertEquals("pass 5", kept.getLast().message());
        }
    }

    @Test
    void limitMustBePositive() {
        try (Ledger ledger = open()) {
            assertThrows(IllegalArgumentException.class, () -> ledger.recentEvents(0));
            assertThrows(IllegalArgumentException.class, () -> ledger.recentRollouts(-1));
        }
    }
}
