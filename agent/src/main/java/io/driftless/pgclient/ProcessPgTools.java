package io.driftless.pgclient;

import io.driftless.backup.PgTools;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs PostgreSQL's client programs as child processes on this host; a dump's file is their stdin or stdout. */
public final class ProcessPgTools implements PgTools {
    /** Enough of stderr to say what went wrong; a program that floods it is not read into memory whole. */
    static final int STDERR_LIMIT = 8192;

    @Override
    public Run run(List<String> argv, Map<String, String> env, Optional<Path> stdin, Path stdout, Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(stdin.map(Path::toFile).orElse(new File("/dev/null"))))
                .redirectOutput(ProcessBuilder.Redirect.to(stdout.toFile()));
        // The agent's own PG* settings (a PGPASSWORD, a PGSERVICE) would override what the backup chose: the child
        // gets only the ones it is given.
        builder.environment().keySet().removeIf(key -> key.startsWith("PG"));
        builder.environment().putAll(env);
        Path stderr = Files.createTempFile("driftless-pg", ".err");
        builder.redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
        Process process = builder.start();
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            return new Run(ended ? process.exitValue() : -1, head(stderr), !ended);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + argv.getFirst() + " ran", e);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    @Override
    public boolean installed(Path program) {
        return Files.isExecutable(program);
    }

    @Override
    public Optional<String> container() {
        return Optional.empty();
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(STDERR_LIMIT), StandardCharsets.UTF_8);
        }
    }
}
