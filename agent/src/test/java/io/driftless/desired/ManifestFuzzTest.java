package io.driftless.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.testing.Manifests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The manifest comes from a Git repository anyone with push access can write: whatever it holds, parsing ends
 * quickly in a Manifest or in errors that all have a position, never in another exception.
 */
class ManifestFuzzTest {
    private static final long SEED = 0x5EED_D41F7L;
    private static final int CASES = 6000;

    private static final List<String> VALID = List.of(Manifests.DESIGN_EXAMPLE, Manifests.MINIMAL, """
            version: 1
            allowRemoveAll: false
            proxy: {listen: ["127.0.0.1:8080", "[::1]:8443"], tls: internal}
            services:
              api:
                image: localhost:5000/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                port: 9000
                env: &common {LOG: info, WORKERS: 4}
                health: {path: /ready, interval: 500ms, timeout: 1s, successes: 2, deadline: 1m30s}
                routes:
                  - {host: "*.example.com", path: /api/*}
              jobs:
                image: acme/jobs:2
                env: *common
                command: [/bin/jobs, --queue, default]
                volumes: ["/var/lib/jobs:/data:rw"]
                network: host
                pid: host
                privileged: false
                capabilities: {add: [NET_ADMIN], drop: [ALL]}
                devices: [/dev/fuse]
                user: 1000:1000
            """, BackupPolicyRulesTest.FULL);

    private static final String[] KEYS = {"version", "proxy", "listen", "tls", "services", "web", "image", "port",
        "env", "command", "volumes", "health", "path", "interval", "timeout", "successes", "deadline", "rollout",
        "strategy", "drain", "monitor", "routes", "host", "backups", "postgres", "url", "passwordFile", "schedule",
        "keep", "daily", "weekly", "monthly", "verify", "restore", "query", "allowRemoveAll", "<<", "imgae", "? x",
        "\"quoted key\"", "- item", "&anchor k", "*alias", "日本", "APP_ENV", "privileged", "network",
        "pid", "capabilities", "add", "drop", "devices", "user", "container", "database", "target", "last",
        "snapshots", "offsite", "dir", "rclone", "snapshot", "backup", "restoreOnFailure"};
    private static final String[] VALUES = {"", "~", "null", "1", "0", "-1", "65536", "99999999999999999999999",
        "1.5", "0x1F", "true", "off", "yes", "1s", "-5s", "1m30s", "5 seconds", "24h1ns", "[]", "{}", "[a, b]",
        "{a: 1}", "*a", "&a x", "!!binary aGk=", "!custom x", "!!python/object:os.system x", "\"x\\0y\"",
        "\"unterminated", "'single'", "|\n  block", ">-\n  folded", "acme/web:1", "Acme/Web:", "/*", "blue-green",
        "recreate", "\"0 3 * * *\"", "@daily", "postgresql://a:b@c/d", "[[[[[[[[[[", "]]]]", "%YAML 1.1", "---",
        "...", "\t", "é", "host", "NET_ADMIN", "/dev/../etc", "1000:1000", "😀", "\u2028", "\uFEFF", "\uD800", "\u0007", "#comment"};
    private static final String[] CHARS = {":", "-", " ", "  ", "\t", "\n", "\r", "\"", "'", "{", "}", "[", "]", "&",
        "*", "!", "#", "|", ">", "%", "@", "`", ",", "?", "\0", "\u00e9", "\uD83D\uDE00", "\u2028", "\uFEFF",
        "\uDC00", "\u0085", "\\", "<<"};

    @Test
    void anyMutationOfAValidManifestParsesOrFailsWithPositionedErrors() {
        Random random = new Random(SEED);
        long started = System.nanoTime();
        int valid = 0;
        for (int i = 0; i < CASES; i++) {
            String input = VALID.get(random.nextInt(VALID.size()));
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                input = mutate(random, input);
            }
            if (parsesOrReportsPositions(i, input)) {
                valid++;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // Both outcomes must be exercised, or the mutations are too timid (or too wild) to test anything.
        assertTrue(valid > CASES / 50, "only " + valid + " mutated manifests stayed valid");
        assertTrue(valid < CASES / 2, valid + " mutated manifests stayed valid");
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "fuzzing took " + took);
    }

    @Test
    void randomBytesNeverThrowAnythingButInvalidManifest() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            if (random.nextBoolean()) {
                byte[] prefix = "version: 1\nservices:\n  web:\n    image: ".getBytes(StandardCharsets.UTF_8);
                byte[] joined = Arrays.copyOf(prefix, prefix.length + bytes.length);
                System.arraycopy(bytes, 0, joined, prefix.length, bytes.length);
                bytes = joined;
            }
            byte[] input = bytes;
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                // Anything but InvalidManifestException escapes this lambda and fails the test.
                try {
                    // A short tail such as "y" is a valid image name, so a valid manifest is a fair outcome too.
                    ManifestParser.parse(Manifests.FILE, input);
                } catch (InvalidManifestException e) {
                    assertPositioned(e.errors(), new String(input, StandardCharsets.ISO_8859_1));
                }
            });
        }
    }

    private static boolean parsesOrReportsPositions(int index, String input) {
        return assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                ManifestParser.parse(Manifests.FILE, input);
                return true;
            } catch (InvalidManifestException e) {
                assertPositioned(e.errors(), "case " + index + ":\n" + input);
                return false;
            } catch (Throwable t) {
                throw new AssertionError("case " + index + " threw " + t + " for:\n" + input, t);
            }
        }, () -> "case " + index + " took over 2s:\n" + input);
    }

    private static void assertPositioned(List<ManifestError> errors, String input) {
        assertFalse(errors.isEmpty(), () -> "no errors for:\n" + input);
        ManifestError previous = null;
        for (ManifestError error : errors) {
            assertEquals(Manifests.FILE, error.file());
            assertTrue(error.line() >= 1 && error.column() >= 1, () -> error + " for:\n" + input);
            assertFalse(error.message().isBlank(), () -> "blank message for:\n" + input);
            assertFalse(error.message().contains("bug in its manifest checker"), () -> error + " for:\n" + input);
            if (previous != null) {
                boolean inOrder = previous.line() < error.line()
                        || (previous.line() == error.line() && previous.column() <= error.column());
                ManifestError before = previous;
                assertTrue(inOrder, () -> before + " before " + error + " for:\n" + input);
            }
            previous = error;
        }
    }

    private static String mutate(Random random, String text) {
        if (text.isEmpty()) {
            return pick(random, VALUES);
        }
        int at = random.nextInt(text.length() + 1);
        int end = Math.min(text.length(), at + 1 + random.nextInt(12));
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int line = random.nextInt(lines.size());
        return switch (random.nextInt(10)) {
            case 0 -> text.substring(0, at) + text.substring(end);
            case 1 -> text.substring(0, end) + text.substring(at, end) + text.substring(end);
            case 2 -> text.substring(0, at) + pick(random, CHARS) + text.substring(at);
            case 3 -> {
                int other = random.nextInt(lines.size());
                String swapped = lines.get(line);
                lines.set(line, lines.get(other));
                lines.set(other, swapped);
                yield String.join("\n", lines);
            }
            case 4 -> {
                lines.add(line, " ".repeat(random.nextInt(9)) + pick(random, KEYS) + ": " + pick(random, VALUES));
                yield String.join("\n", lines);
            }
            case 5 -> {
                String indent = random.nextInt(4) == 0 ? "\t" : " ".repeat(1 + random.nextInt(3));
                lines.set(line, random.nextBoolean() ? indent + lines.get(line) : lines.get(line).stripLeading());
                yield String.join("\n", lines);
            }
            case 6 -> text.substring(0, at);
            case 7 -> {
                int colon = lines.get(line).indexOf(": ");
                lines.set(line, colon < 0 ? lines.get(line) : lines.get(line).substring(0, colon + 2) + pick(random, VALUES));
                yield String.join("\n", lines);
            }
            case 8 -> text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(at);
            default -> {
                lines.add(line, lines.get(line));
                yield String.join("\n", lines);
            }
        };
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
