package io.driftless.bench;

import io.driftless.testing.LoadReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmarks' shared pieces, which the suite never runs otherwise: percentiles, the plot, the record. */
class BenchHarnessTest {
    @Test
    void percentilesAreNearestRankSoEachIsALatencyARequestReallyHad() {
        List<Duration> samples = new ArrayList<>(IntStream.rangeClosed(1, 200).mapToObj(Duration::ofMillis).toList());
        java.util.Collections.shuffle(samples, new java.util.Random(7));
        Latencies latencies = Latencies.of(samples);
        assertEquals(200, latencies.count());
        assertEquals(Duration.ofMillis(100), latencies.p50());
        assertEquals(Duration.ofMillis(198), latencies.p99());
        assertEquals(Duration.ofMillis(200), latencies.max());
        assertEquals(Duration.ofMillis(3), Latencies.of(List.of(Duration.ofMillis(3))).p99());
        assertEquals("no requests", Latencies.of(List.of()).toString());
        assertEquals("5.9", Latencies.ms(Duration.ofNanos(5_940_000)));
        assertEquals("1204", Latencies.ms(Duration.ofMillis(1204)));
        assertEquals("3.2×", Latencies.ratio(32, 10));
    }

    @Test
    void thePlotIsAPngWithFailuresInRedAndNoneWhenNothingFailed(@TempDir Path dir) throws Exception {
        Instant origin = Instant.parse("2026-12-02T12:00:00Z");
        List<LoadReport.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            answers.add(new LoadReport.Answer(origin.plusMillis(i * 33L + 5), "w", 200, "app v1", Duration.ofMillis(5 + i % 7)));
        }
        List<LoadReport.Failure> failures = List.of(
                new LoadReport.Failure(origin.plusMillis(4_000), "w", "connection refused", Duration.ofMillis(1)));
        Path failed = dir.resolve("failed.png");
        LatencyPlot.write(failed, "swaps: recreate", origin, new LoadReport(Duration.ofSeconds(10), answers, failures, 1, 0),
                List.of(new LatencyPlot.Mark(origin.plusSeconds(4), "swap 1")));
        Path clean = dir.resolve("clean.png");
        LatencyPlot.write(clean, "swaps: agent", origin, new LoadReport(Duration.ofSeconds(10), answers, List.of(), 1, 0),
                List.of(new LatencyPlot.Mark(origin.plusSeconds(4), "swap 1")));
        assertTrue(redPixels(ImageIO.read(failed.toFile())) > 20, "a failure is drawn in red");
        assertEquals(0, redPixels(ImageIO.read(clean.toFile())), "no red without failures");
    }

    @Test
    void aRunGoesAtTheEndOfItsSectionAndAMissingSectionIsMadeAtTheEnd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\n## swaps: side by side\n\nold run\n\n## rollback\n\nother\n");
        BenchmarkLog.append(file, "swaps", "N=2", "scripts/bench.sh swaps --swaps 2", "| a | b |\n| --- | --- |");
        BenchmarkLog.append(file, "scale", "200 services", "scripts/bench.sh scale", "figures");
        String text = Files.readString(file);
        assertTrue(text.startsWith("# Benchmarks\n\n## swaps: side by side\n\nold run\n\n### "), text);
        assertTrue(text.contains("`scripts/bench.sh swaps --swaps 2`\n\n| a | b |\n| --- | --- |\n\n## rollback"), text);
        assertTrue(text.contains(", N=2\n\n") && text.contains("load average "), text);
        assertTrue(text.indexOf("## scale") > text.indexOf("other"), text);
        assertTrue(text.endsWith("`scripts/bench.sh scale`\n\nfigures\n"), text);
    }

    @Test
    void theDockerCallCounterSeesARequestThatFollowsABodyOnAKeptAliveConnection() {
        String sent = "POST /v1.41/containers/create?name=web HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 27\r\n\r\n{\"Image\":\"GET /x HTTP/1.1\"}"
                + "POST /v1.41/containers/3f2a9c/start HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
                + "GET /v1.41/containers/json?all=1 HTTP/1.1\r\n\r\n";
        assertEquals(List.of("POST /containers/create", "POST /containers/{id}/start", "GET /containers/json"),
                DockerCallCounter.requestsIn(sent));
    }

    private static long redPixels(BufferedImage image) {
        long red = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 180 && g < 80 && b < 80) {
                    red++;
                }
            }
        }
        return red;
    }
}
