package io.driftless.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets for the POST endpoints: one per client address and one for everyone. A request takes a token from
 * both or from neither, so a client that is refused does not use up the others' share. The per-address buckets are
 * kept for the most recent {@code maxAddresses} clients only (memory stays bounded under a spray of addresses; the
 * global bucket still holds then).
 */
public final class RateLimiter {
    /** Up to {@code burst} requests at once, then one per {@code every}. */
    public record Limit(int burst, Duration every) {
        public Limit {
            if (burst < 1 || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("a rate limit needs burst >= 1 and a positive refill time");
            }
        }
    }

    /** 10 at once, then one per 6s, per address; 60 at once, then one per second, for all. */
    public static RateLimiter defaults(Clock clock) {
        return new RateLimiter(new Limit(10, Duration.ofSeconds(6)), new Limit(60, Duration.ofSeconds(1)), clock, 4096);
    }

    private final Limit perAddress;
    private final Limit global;
    private final Clock clock;
    private final Map<String, Bucket> buckets;
    private final Bucket all;

    public RateLimiter(Limit perAddress, Limit global, Clock clock, int maxAddresses) {
        this.perAddress = perAddress;
        this.global = global;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxAddresses;
            }
        };
        this.all = new Bucket(global, clock.instant());
    }

    /** Takes a token for {@code address}; empty when allowed, else how long the client should wait. */
    public synchronized Optional<Duration> acquire(String address) {
        Instant now = clock.instant();
        Bucket mine = buckets.computeIfAbsent(address, a -> new Bucket(perAddress, now));
        mine.refill(now);
        all.refill(now);
        if (mine.hasToken() && all.hasToken()) {
            mine.take();
            all.take();
            return Optional.empty();
        }
        Duration wait = mine.untilOne();
        Duration globalWait = all.untilOne();
        return Optional.of(wait.compareTo(globalWait) > 0 ? wait : globalWait);
    }

    /** Credit in nanoseconds of refill time (one token = {@code every}): integer arithmetic, exact waits. */
    private static final class Bucket {
        final long token;
        final long full;
        long credit;
        Instant last;

        Bucket(Limit limit, Instant now) {
            this.token = limit.every().toNanos();
            this.full = token * limit.burst();
            this.credit = full;
            this.last = now;
        }

        void refill(Instant now) {
            if (now.isAfter(last)) {
                credit = Math.min(full, credit + Duration.between(last, now).toNanos());
                last = now;
            }
        }

        boolean hasToken() {
            return credit >= token;
        }

        void take() {
            credit -= token;
        }

        Duration untilOne() {
            return hasToken() ? Duration.ZERO : Duration.ofNanos(token - credit);
        }
    }
}
