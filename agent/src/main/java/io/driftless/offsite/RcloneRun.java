package io.driftless.offsite;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One rclone child process: its exit status, what it printed, and the head of its stderr. */
record RcloneRun(int exit, String stdout, String stderr, boolean timedOut) {
    /** Enough of stderr to say what went wrong; a program that floods it is not read into memory whole. */
    static final int STDERR_LIMIT = 8192;
    /** Exit status 3: rclone's "directory not found". */
    static final int DIRECTORY_NOT_FOUND = 3;

    static RcloneRun of(List<String> argv, Map<String, String> env, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Path stdout = Files.createTempFile("driftless-rclone", ".out");
        Path stderr = Files.createTempFile("driftless-rclone", ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        try {
            Process process = builder.start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            return new RcloneRun(ended ? process.exitValue() : -1, Files.readString(stdout, StandardCharsets.UTF_8), head(stderr), !ended);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rclone ran", e);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Throws unless rclone exited 0, with a sentence naming the command (paths only: argv holds no secret). */
    RcloneRun orThrow(List<String> argv, Duration timeout) throws IOException {
        if (timedOut) {
            throw new IOException(String.join(" ", argv) + " did not end within " + timeout.toSeconds() + " s");
        }
        if (exit != 0) {
            throw new IOException(String.join(" ", argv) + " exited " + exit + ": " + stderr.strip());
        }
        return this;
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(STDERR_LIMIT), StandardCharsets.UTF_8);
        }
    }
}
