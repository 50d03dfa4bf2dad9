package io.driftless.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Proves a custom-format dump whole by reading every block of it back with {@code pg_restore -f /dev/null} (the dump on its standard input): a dump
 * cut short (disk full, a killed pg_dump, a bad copy) fails here, where {@code pg_restore --list} would pass it.
 */
public record ReadBack(PgTools tools, PgCommands commands, Duration timeout) {

    /** Why the dump is not whole, or empty when every block was read. */
    public Optional<DumpResult.Failed> check(Path dump) {
        try {
            PgTools.Run run = tools.run(commands.readBack(), java.util.Map.of(), Optional.of(dump), Path.of("/dev/null"),
                    timeout);
            if (!run.succeeded()) {
                return Optional.of(new DumpResult.Failed(DumpStep.READ_BACK,
                        "the dump " + dump.getFileName() + " cannot be read back whole: " + run.describe("pg_restore", timeout)));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new DumpResult.Failed(DumpStep.READ_BACK, "cannot run " + commands.pgRestore() + ": " + e.getMessage()));
        }
    }
}
