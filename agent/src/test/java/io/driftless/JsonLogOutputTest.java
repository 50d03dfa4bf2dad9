package io.driftless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --log-format json} in a JVM of its own (logback is the JVM's): every line of stdout is one JSON object. */
class JsonLogOutputTest {
    @TempDir
    Path dir;

    @Test
    void reconcileWithJsonLogsPrintsOnlyJsonLinesOnStdout() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "io.driftless.Main", "reconcile",
                "--repo", dir.resolve("no-such-repo").toUri().toString(), "--state-dir", dir.resolve("state").toString(),
                "--instance", "dl-json-" + UUID.randomUUID().toString().substring(0, 8), "--listen", "off",
                "--caddy-admin", "http://127.0.0.1:1", "--log-format", "json")
                .redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "reconcile ended");

        List<String> lines = Files.readAllLines(out);
        assertEquals(2, process.exitValue(), String.join("\n", lines));
        assertFalse(lines.isEmpty());
        List<String> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode json = new ObjectMapper().readTree(line);
            assertTrue(json.isObject() && json.has("time") && json.has("level") && json.has("message"), line);
            if (!json.get("event").isNull()) {
                events.add(json.get("event").asText());
            }
        }
        assertTrue(events.contains("SourceUnavailable"), lines.toString());
        assertTrue(lines.getLast().contains("\"message\":\"error: "), "the command's result is a JSON line too: " + lines.getLast());
    }
}
