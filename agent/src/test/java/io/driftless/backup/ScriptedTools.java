package io.driftless.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PgTools} as a lambda for the unit tests: the programs run on this host, where the tests make them exist (or
 * not) as empty executable files.
 */
@FunctionalInterface
interface ScriptedTools extends PgTools {
    @Override
    Run run(List<String> argv, Map<String, String> env, Optional<Path> stdin, Path stdout, Duration timeout)
            throws IOException;

    @Override
    default boolean installed(Path program) {
        return Files.isExecutable(program);
    }

    @Override
    default Optional<String> container() {
        return Optional.empty();
    }
}
