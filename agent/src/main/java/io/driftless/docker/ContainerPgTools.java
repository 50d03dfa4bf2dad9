package io.driftless.docker;

import io.driftless.backup.PgTools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs PostgreSQL's client programs inside the database's container ({@code postgres.container}), so their version
 * is the server's; a dump's file stays on the host and is streamed through the program's stdin or stdout.
 */
public final class ContainerPgTools implements PgTools {
    /** Asking whether a program is there is quick; a container that takes longer is not one to back up from. */
    static final Duration LOOK_TIMEOUT = Duration.ofSeconds(30);

    private final ContainerExec exec;

    ContainerPgTools(ContainerExec exec) {
        this.exec = exec;
    }

    @Override
    public Run run(List<String> argv, Map<String, String> env, Optional<Path> stdin, Path stdout, Duration timeout)
            throws IOException {
        try (InputStream in = stdin.isPresent() ? Files.newInputStream(stdin.get()) : null;
             OutputStream out = Files.newOutputStream(stdout)) {
            ContainerExec.Result result = exec.run(argv, env, in, stdin.isPresent() ? Files.size(stdin.get()) : 0, out,
                    timeout);
            return new Run(result.exit(), result.stderr(), result.timedOut());
        }
    }

    /** {@code test -x} in the container's shell. */
    @Override
    public boolean installed(Path program) throws IOException {
        ContainerExec.Result result = exec.run(List.of("sh", "-c", "test -x \"$1\"", "sh", program.toString()), Map.of(),
                null, 0, OutputStream.nullOutputStream(), LOOK_TIMEOUT);
        if (result.timedOut() || result.exit() > 1) {
            throw new IOException("cannot look for " + program + " in " + exec.where() + ": "
                    + new Run(result.exit(), result.stderr(), result.timedOut()).describe("sh", LOOK_TIMEOUT));
        }
        return result.exit() == 0;
    }

    @Override
    public Optional<String> container() {
        return Optional.of(exec.where());
    }
}
