package io.driftless.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The value formats on their own: durations, image references, cron lines, addresses, volumes, typo hints. */
class ValueFormatsTest {
    private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @CsvSource({"500ms, 500000000", "1s, 1000000000", "1m30s, 90000000000", "2h, 7200000000000", "1.5s, 1500000000",
            "250us, 250000", "10ns, 10", "0s, 0", "1h0m1s, 3601000000000", "24h, 86400000000000"})
    void goDurationsParse(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5|has no unit", "1.5|has no unit", "-1s|is negative", "5d|is not a duration", "5 s|is not a duration",
            "s|is not a duration", "1s5|is not a duration", "''|is not a duration", "24h1ns|longer than the limit of 24h",
            "99999999999999999999999h|longer than the limit of 24h", "1e3s|is not a duration", "+5s|is not a duration"})
    void badDurationsSayWhyAndShowAnExample(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().contains("1m30s") || why.contains("24h"), e.getMessage());
    }

    @Test
    void durationsFormatTheGoWay() {
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("2h500ms", Durations.format(Duration.ofHours(2).plusMillis(500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("1s250ns", Durations.format(Duration.ofSeconds(1).plusNanos(250)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)), "never PT0.5S in a message");
        assertEquals("-500ms", Durations.format(Duration.ofMillis(-500)));
        assertEquals("-1m30s", Durations.format(Duration.ofSeconds(-90)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999_999, 250_000_000, 2_500_000_000L, 90_000_000_000L, 86_400_000_000_000L})
    void whatFormatWritesParseReadsBack(long nanos) {
        // Caddy's config gets the same spelling, so it must be one Go's time.ParseDuration reads as the same value.
        assertEquals(Duration.ofNanos(nanos), Durations.parse(Durations.format(Duration.ofNanos(nanos))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox", "acme/web:1.4.2", "registry.example.com:5000/acme/web:latest", "localhost/x",
            "a/b/c/d", "acme/web_app__x.y-z", "acme/web@" + DIGEST, "acme/web:1@" + DIGEST, "[::1]:5000/a:b",
            "Registry.Example.com/acme/web", "ghcr.io/owner/repo:v1.2.3_RC-1", "a---b/c"})
    void validImageReferences(String image) {
        assertEquals(java.util.Optional.empty(), ImageReference.problemWith(image));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Acme/web|uppercase letters in \"Acme\"", "acme/Web:1|uppercase letters", "acme/web:|empty tag",
            "acme/web:.x|has the tag \".x\"", "acme web|contains a space", "acme//web|empty part between slashes",
            "acme/web@sha256:abc|digest", "acme/web@md5:0123|digest", "-acme/web|has \"-acme\" in its name",
            "acme/web_|has \"web_\" in its name", "registry.example.com:0/acme|registry port",
            "reg_istry.example.com/acme|not a valid host name", ":1|no repository name", "''|is empty",
            "'acme/web\t'|contains a space or control character", "'acme/web\u0001'|control character"})
    void invalidImageReferencesSayWhy(String image, String why) {
        String problem = ImageReference.problemWith(image).orElseThrow();
        assertTrue(problem.contains(why), problem);
        assertTrue(problem.endsWith("write it like registry.example.com/acme/web:1.4.2 or name@sha256:<64 hex digits>"));
    }

    @Test
    void aTagIsAtMost128Characters() {
        assertTrue(ImageReference.problemWith("acme/web:" + "a".repeat(128)).isEmpty());
        assertTrue(ImageReference.problemWith("acme/web:" + "a".repeat(129)).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 3 * * *", "*/15 * * * *", "0 0 1 1 0", "59 23 31 12 7", "0,30 1-5/2 * 1,6,12 1-5"})
    void validCronLines(String schedule) {
        assertEquals(java.util.Optional.empty(), CronSchedule.problemWith(schedule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *",
            "* * * * 8", "5-1 * * * *", "*/0 * * * *", "a * * * *", "1,,2 * * * *", "@hourly", "? * * * *"})
    void invalidCronLines(String schedule) {
        assertTrue(CronSchedule.problemWith(schedule).orElseThrow().contains("write five fields like \"0 3 * * *\""));
    }

    @Test
    void routeHostsAreNamesOrLeftmostWildcards() {
        for (String good : List.of("app.example.com", "*.example.com", "localhost", "127.0.0.1", "xn--bcher-kva.example")) {
            assertTrue(Addresses.hostProblem(good).isEmpty(), good);
        }
        for (String bad : List.of("", "*", "a.*.example.com", "app.example.com:443", "app.example.com/", "-a.com",
                "a..com", "*.1.2.3.4", "300.1.1.1")) {
            assertTrue(Addresses.hostProblem(bad).isPresent(), bad);
        }
    }

    @Test
    void typoHintsOnlyForLikelyTypos() {
        List<String> keys = ServiceBinder.KEYS;
        assertEquals("; did you mean image?", Spelling.didYouMean("imgae", keys));
        assertEquals("; did you mean image?", Spelling.didYouMean("Image", keys));
        assertEquals("; did you mean volumes?", Spelling.didYouMean("volume", keys));
        assertEquals("; did you mean env?", Spelling.didYouMean("evn", keys));
        assertEquals("", Spelling.didYouMean("replicas", keys));
        assertEquals("", Spelling.didYouMean("x", keys));
        assertEquals(1, Spelling.distance("imgae", "image"));
    }

    @Test
    void aVolumeLineIsReadOnce() {
        assertEquals(new VolumeMount("uploads", "/srv/uploads", false), VolumeMount.parse("uploads:/srv/uploads"));
        assertEquals(new VolumeMount("/etc/app", "/etc/app", true), VolumeMount.parse("/etc/app:/etc/app:ro"));
        assertEquals("uploads:/srv/uploads:rw", VolumeMount.parse("uploads:/srv/uploads").bind());
        assertEquals("/etc/app:/etc/app:ro", VolumeMount.parse("/etc/app:/etc/app:ro").bind());
        assertEquals("/var/lib/app:/data:rw", VolumeMount.parse("/var/lib/app:/data:rw").bind());
        assertTrue(VolumeMount.parse("/var/lib/app:/data").hostPath());
        assertFalse(VolumeMount.parse("x.y_z-1:/z").hostPath());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "uploads|is not source:target or source:target:ro", "a:/b:/c:ro|is not source:target or source:target:ro",
            "uploads:/srv:rx|ends in \"rx\"; the only options are ro and rw", "./data:/srv|has the relative source",
            "~/data:/srv|has the relative source", "a/b:/srv|has the relative source", "-x:/srv|is neither an absolute host path",
            "x:/srv|is neither an absolute host path", "data:srv|the path inside the container must be absolute"})
    void badVolumeLinesSayWhy(String volume, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VolumeMount.parse(volume));
        assertTrue(e.getMessage().startsWith("\"" + volume + "\" ") && e.getMessage().contains(why), e.getMessage());
    }
}
