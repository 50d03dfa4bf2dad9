package io.driftless.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command lines of PostgreSQL's client programs of one major version, built but not run. The programs are named
 * by their full path in {@code /usr/lib/postgresql/<major>/bin}: Debian's {@code pg_wrapper} in {@code /usr/bin}
 * runs the newest installed client for a remote server, not the one matching it. No argument ever holds a password.
 *
 * @param root {@code /usr/lib/postgresql} on Debian; tests point it elsewhere
 */
public record PgCommands(Path root, int major) {
    public static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(\\.\\d+)?");

    public Path bin() {
        return root.resolve(Integer.toString(major)).resolve("bin");
    }

    public Path pgDump() {
        return bin().resolve("pg_dump");
    }

    public Path pgRestore() {
        return bin().resolve("pg_restore");
    }

    /** The Debian package that puts these programs in place. */
    public String debianPackage() {
        return "postgresql-client-" + major;
    }

    /** What to do when a program of this major is missing, where {@link PgTools#container()} says they run. */
    public String install(Optional<String> container) {
        return container.map(c -> "install Debian's package " + debianPackage() + " in the image of " + c
                        + " (or use an image with PostgreSQL " + major + "'s programs in " + bin() + ")")
                .orElse("install Debian's package " + debianPackage() + " (apt-get install " + debianPackage() + ")");
    }

    /**
     * Custom format (compressed, restorable table by table) to standard output; {@code --no-password} so a bad
     * password fails, never prompts.
     */
    public List<String> dump(PgConnection connection) {
        return List.of(pgDump().toString(), "-Fc", "--no-password", "-d", connection.url());
    }

    /**
     * Reads every block of the dump on standard input and writes the SQL nowhere; {@code --list} alone reads only the
     * table of contents.
     */
    public List<String> readBack() {
        return List.of(pgRestore().toString(), "-f", "/dev/null");
    }

    /**
     * Restores the dump on standard input into {@code into} and stops at the first error, so an "errors ignored on
     * restore" never passes; objects belong to the drill's role, which need not be the dump's owner.
     */
    public List<String> restore(PgConnection into) {
        return List.of(pgRestore().toString(), "--exit-on-error", "--no-owner", "--no-password", "-d", into.url());
    }

    /** Connects through the policy's own database ({@code --maintenance-db} takes the URL whole) to create {@code name}. */
    public List<String> createdb(PgConnection through, String name) {
        return List.of(createdbProgram().toString(), "--no-password", "--maintenance-db=" + through.url(), name);
    }

    /** {@code --force} ends any session still in it (PostgreSQL 13+), so a drill never leaves its database behind. */
    public List<String> dropdb(PgConnection through, String name) {
        return List.of(dropdbProgram().toString(), "--no-password", "--if-exists", "--force",
                "--maintenance-db=" + through.url(), name);
    }

    public Path createdbProgram() {
        return bin().resolve("createdb");
    }

    public Path dropdbProgram() {
        return bin().resolve("dropdb");
    }

    public List<String> version() {
        return List.of(pgDump().toString(), "--version");
    }

    /** Whether a client of {@code clientVersion} ({@code 15.14}, {@code 15}) is of this major version. */
    public boolean matches(String clientVersion) {
        String mine = Integer.toString(major);
        return clientVersion.equals(mine) || clientVersion.startsWith(mine + ".");
    }

    /** {@code 15.14} from {@code pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)}. */
    public static Optional<String> parseVersion(String output) {
        Matcher m = VERSION.matcher(output);
        return m.find() ? Optional.of(m.group(1) + (m.group(2) == null ? "" : m.group(2))) : Optional.empty();
    }
}
