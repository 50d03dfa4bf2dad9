package io.driftless.http;

import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token buckets per client address and for everyone, on a fake clock. */
class RateLimiterTest {
    final FakeClock clock = new FakeClock();
    final RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(3, Duration.ofSeconds(6)),
            new RateLimiter.Limit(5, Duration.ofSeconds(1)), clock, 100);

    @Test
    void aBurstIsAllowedThenTheClientIsToldHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.acquire("10.0.0.1"), "request " + i);
        }

        assertEquals(Optional.of(Duration.ofSeconds(6)), limiter.acquire("10.0.0.1"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Optional.of(Duration.ofSeconds(4)), limiter.acquire("10.0.0.1"), "the wait shrinks as time passes");
        clock.advance(Duration.ofSeconds(4));
        assertEquals(Optional.empty(), limiter.acquire("10.0.0.1"), "one token back after 6s");
        assertTrue(limiter.acquire("10.0.0.1").isPresent(), "and only one");
    }

    @Test
    void oneNoisyClientDoesNotUseUpTheOthersShare() {
        for (int i = 0; i < 50; i++) {
            limiter.acquire("10.0.0.1");
        }

        assertEquals(Optional.empty(), limiter.acquire("10.0.0.2"), "refused requests took no global token");
    }

    @Test
    void theGlobalBucketCapsManyClientsTogether() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), limiter.acquire("10.0.1." + i));
        }

        assertEquals(Optional.of(Duration.ofSeconds(1)), limiter.acquire("10.0.2.1"), "a fresh address still waits for the global bucket");
    }

    @Test
    void theMemoryOfAddressesIsBounded() {
        RateLimiter small = new RateLimiter(new RateLimiter.Limit(1, Duration.ofHours(1)), new RateLimiter.Limit(1000, Duration.ofMillis(1)),
                clock, 2);
        small.acquire("a");
        assertTrue(small.acquire("a").isPresent());
        small.acquire("b");
        small.acquire("c"); // "a" is the least recently seen: forgotten

        assertEquals(Optional.empty(), small.acquire("a"), "a forgotten address starts with a full bucket");
        assertTrue(small.acquire("c").isPresent(), "recent addresses are remembered");
    }
}
