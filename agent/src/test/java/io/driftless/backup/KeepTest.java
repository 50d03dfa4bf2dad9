package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeepTest {
    @Test
    void aPolicyThatKeepsNothingIsRefusedWithASentenceThatSaysWhatToSet() {
        String refusal = new Keep(0, 0, 0, 0).refusal().orElseThrow();

        assertEquals("keeps no backups at all (snapshots only keeps snapshot and pre-restore backups); set at least "
                + "one of last, daily, weekly or monthly above 0, like {last: 3, daily: 7, weekly: 4, monthly: 6}",
                refusal);
    }

    @Test
    void aSnapshotWindowAloneStillKeepsNothingOfTheSchedule() {
        assertTrue(new Keep(0, 0, 0, 0, Duration.ofDays(30)).refusal().isPresent());
    }

    @Test
    void anyOneCountAboveZeroIsEnough() {
        assertEquals(Optional.empty(), new Keep(1, 0, 0, 0).refusal());
        assertEquals(Optional.empty(), new Keep(0, 1, 0, 0).refusal());
        assertEquals(Optional.empty(), new Keep(0, 0, 1, 0).refusal());
        assertEquals(Optional.empty(), new Keep(0, 0, 0, 1).refusal());
    }

    @Test
    void snapshotsAreKeptForSevenDaysUnlessTheManifestSaysOtherwise() {
        assertEquals(Duration.ofDays(7), new Keep(3, 7, 4, 6).snapshots());
    }

    @Test
    void negativeCountsAndWindowsAreACallersBug() {
        assertThrows(IllegalArgumentException.class, () -> new Keep(-1, 7, 4, 6));
        assertThrows(IllegalArgumentException.class, () -> new Keep(3, 7, 4, 6, Duration.ofDays(-1)));
    }
}
