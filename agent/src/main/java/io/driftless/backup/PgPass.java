package io.driftless.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A private folder (0700) holding a {@code PGPASSFILE} (0600) for the client programs, so the password reaches them
 * neither on a command line nor in an environment another user can read; {@link #close} deletes both.
 */
final class PgPass implements AutoCloseable {
    private final Path folder;
    private final Path file;

    private PgPass(Path folder, Path file) {
        this.folder = folder;
        this.file = file;
    }

    /** @param password null when the policy has no password file: the programs then get no PGPASSFILE */
    static PgPass write(String password) throws IOException {
        Path folder = Files.createTempDirectory("driftless-pg", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        if (password == null) {
            return new PgPass(folder, null);
        }
        Path file = Files.createFile(folder.resolve("pgpass"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        // Any host, port, database and user: the file is this one run's, and only the URL's server is asked.
        Files.writeString(file, "*:*:*:*:" + escape(password) + "\n", StandardCharsets.UTF_8);
        return new PgPass(folder, file);
    }

    /** libpq reads {@code \:} and {@code \\} in a pgpass line as the characters themselves. */
    static String escape(String password) {
        return password.replace("\\", "\\\\").replace(":", "\\:");
    }

    Path folder() {
        return folder;
    }

    Map<String, String> env() {
        return file == null ? Map.of() : Map.of("PGPASSFILE", file.toString());
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
        try (var left = Files.list(folder)) {
            for (Path p : (Iterable<Path>) left::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(folder);
    }
}
