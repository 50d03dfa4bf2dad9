package io.driftless.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommitsTest {
    @Test
    void aFullShaIsCutToTwelveCharacters() {
        assertEquals("0123456789ab", Commits.shortSha("0123456789abcdef0123456789abcdef01234567"));
    }

    @Test
    void aShortValueStaysWhole() {
        assertEquals("0123456789ab", Commits.shortSha("0123456789ab"));
        assertEquals("abc", Commits.shortSha("abc"));
        assertEquals("", Commits.shortSha(""));
    }
}
