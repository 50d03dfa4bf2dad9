package io.driftless.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port through which the backup runs PostgreSQL's client programs, on the host ({@code url:}) or inside the
 * database's container ({@code container:}). Every file a program reads or writes goes through its standard input
 * and output, which are always the host's files, so no argument names a path of the host.
 */
public interface PgTools {

    /**
     * Runs {@code argv} with {@code env} added to the program's environment (a {@code PGPASSFILE}, never a password:
     * argv shows in {@code ps}), its standard input read from {@code stdin} (nothing when empty) and its standard
     * output written to {@code stdout}.
     *
     * @throws IOException when the program cannot be started at all; the message says where and why
     */
    Run run(List<String> argv, Map<String, String> env, Optional<Path> stdin, Path stdout, Duration timeout)
            throws IOException;

    /**
     * Whether {@code program} is there and executable where the programs run.
     *
     * @throws IOException when that cannot be asked (the container is gone); the message says where and why
     */
    boolean installed(Path program) throws IOException;

    /** The container the programs run in, for messages ({@code container db (driftless-db-blue)}); empty on the host. */
    Optional<String> container();

    /**
     * How a program ended.
     *
     * @param exit     its exit status; meaningless when {@code timedOut}
     * @param stderr   what it wrote to standard error, possibly cut short
     * @param timedOut whether it was killed for running past its timeout
     */
    record Run(int exit, String stderr, boolean timedOut) {
        public boolean succeeded() {
            return !timedOut && exit == 0;
        }

        /** What went wrong, for a failure's reason: the status and the first lines of stderr. */
        public String describe(String program, Duration timeout) {
            if (timedOut) {
                return program + " did not finish within " + timeout.toSeconds() + "s and was stopped";
            }
            String said = stderr.strip();
            return program + " exited " + exit + (said.isEmpty() ? "" : ": " + said);
        }
    }
}
