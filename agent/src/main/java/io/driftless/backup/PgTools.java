package io.driftless.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The port through which the backup runs PostgreSQL's client programs; the shell implements it over processes. */
public interface PgTools {

    /**
     * Runs {@code argv} with {@code env} added to the child's environment (secrets go there, never into argv, which
     * {@code ps} shows) and its standard output written to {@code stdout}.
     *
     * @throws IOException when the program cannot be started at all
     */
    Run run(List<String> argv, Map<String, String> env, Path stdout, Duration timeout) throws IOException;

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
