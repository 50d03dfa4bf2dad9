package io.driftless.backup;

import io.driftless.io.Sha256;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One backup of a policy that is never silently wrong (DESIGN.md, "Backups: semantics"): pg_dump's output into a
 * temp file in the target folder, exit status and stderr, size, a full read-back, sha256, fsync, atomic rename, fsync
 * of the folder, then the sidecar the same way. Whatever step fails, the temp file is gone, older backups are as they
 * were, and the result names the step and why.
 *
 * @param root    where the client programs of each major version live ({@link PgCommands#DEBIAN_ROOT})
 * @param clock   the backup's time (its name) and its duration
 * @param timeout for each program run; pg_dump of a large database needs a generous one
 */
public record OneBackup(PgTools tools, PgServer server, Path root, Clock clock, Duration timeout) {

    public DumpResult run(DumpRequest request) {
        Instant started = clock.instant();
        String password;
        try {
            password = PolicyPassword.read(request.passwordFile());
        } catch (PolicyPassword.Unusable e) {
            return new DumpResult.Failed(DumpStep.PASSWORD, e.getMessage());
        }
        PgServer.Facts facts;
        try {
            facts = server.facts(request.connection(), password);
        } catch (PgServer.Unreachable e) {
            return new DumpResult.Failed(DumpStep.CONNECT, e.getMessage());
        }
        PgCommands commands = new PgCommands(root, facts.major());
        try (PgPass pass = PgPass.write(password)) {
            return new Attempt(request, facts, commands, pass, started).run();
        } catch (IOException e) {
            return new DumpResult.Failed(DumpStep.PASSWORD, "cannot write the private password file: " + e.getMessage());
        }
    }

    /** The steps after the server answered, with what they share. */
    private final class Attempt {
        private final DumpRequest request;
        private final PgServer.Facts facts;
        private final PgCommands commands;
        private final PgPass pass;
        private final Instant started;

        Attempt(DumpRequest request, PgServer.Facts facts, PgCommands commands, PgPass pass, Instant started) {
            this.request = request;
            this.facts = facts;
            this.commands = commands;
            this.pass = pass;
            this.started = started;
        }

        DumpResult run() {
            String clientVersion;
            try {
                clientVersion = clientVersion();
            } catch (Refused refused) {
                return refused.failed;
            }
            BackupFiles files = BackupFiles.of(request.target(), request.name(), started);
            try {
                Files.createDirectories(files.folder());
            } catch (IOException e) {
                return new DumpResult.Failed(DumpStep.DUMP, "cannot create the folder " + files.folder() + ": " + e);
            }
            try {
                return store(files, clientVersion);
            } catch (Refused refused) {
                return refused.failed;
            } finally {
                deleteQuietly(files.partial());
                deleteQuietly(files.partialSidecar());
            }
        }

        private String clientVersion() throws Refused {
            if (!installed(commands.pgDump()) || !installed(commands.pgRestore())) {
                throw refuse(DumpStep.CLIENT, "the server runs PostgreSQL " + facts.major() + " and its client programs "
                        + "are not installed at " + commands.bin() + tools.container().map(c -> " in " + c).orElse("")
                        + "; " + commands.install(tools.container()));
            }
            Path out = pass.folder().resolve("version");
            PgTools.Run run = run(DumpStep.CLIENT, commands.version(), Optional.empty(), out);
            if (!run.succeeded()) {
                throw refuse(DumpStep.CLIENT, run.describe(commands.pgDump().toString(), timeout));
            }
            String printed = read(DumpStep.CLIENT, out);
            String version = PgCommands.parseVersion(printed).orElseThrow(() -> refuse(DumpStep.CLIENT,
                    commands.pgDump() + " --version printed no version: " + printed.strip()));
            if (!commands.matches(version)) {
                throw refuse(DumpStep.CLIENT, commands.pgDump() + " is version " + version + " and the server runs "
                        + facts.version() + "; " + commands.install(tools.container()));
            }
            return version;
        }

        private DumpResult store(BackupFiles files, String clientVersion) throws Refused {
            PgTools.Run dump = run(DumpStep.DUMP, commands.dump(request.connection()), Optional.empty(), files.partial());
            if (!dump.succeeded()) {
                throw refuse(DumpStep.DUMP, dump.describe("pg_dump", timeout));
            }
            if (!dump.stderr().isBlank()) {
                // pg_dump writes nothing to stderr when all went well; a warning there is not a backup to trust.
                throw refuse(DumpStep.DUMP, "pg_dump exited 0 but wrote to stderr: " + dump.stderr().strip());
            }
            long size = size(files.partial());
            if (size <= 0) {
                throw refuse(DumpStep.SIZE, "pg_dump exited 0 and wrote an empty file");
            }
            Optional<DumpResult.Failed> unreadable = new ReadBack(tools, commands, timeout).check(files.partial());
            if (unreadable.isPresent()) {
                throw new Refused(unreadable.get());
            }
            String sha256 = sha256(files.partial());
            place(files.partial(), files.dump());
            Sidecar sidecar = new Sidecar(request.name(), files.dump().getFileName().toString(), files.at(), size, sha256,
                    facts.version(), clientVersion, Duration.between(started, clock.instant()), facts.tables(),
                    request.policyCommit());
            try {
                Files.writeString(files.partialSidecar(), sidecar.json(), StandardCharsets.UTF_8);
                place(files.partialSidecar(), files.sidecar());
            } catch (IOException | Refused e) {
                // A dump without its sidecar would be one nobody can check: it goes too.
                deleteQuietly(files.dump());
                throw refuse(DumpStep.SIDECAR, "cannot write " + files.sidecar() + ": " + e.getMessage());
            }
            return new DumpResult.Stored(files.dump(), files.sidecar(), sidecar);
        }

        private boolean installed(Path program) throws Refused {
            try {
                return tools.installed(program);
            } catch (IOException e) {
                throw refuse(DumpStep.CLIENT, "cannot look for " + program + ": " + e.getMessage());
            }
        }

        private PgTools.Run run(DumpStep step, java.util.List<String> argv, Optional<Path> stdin, Path stdout)
                throws Refused {
            try {
                return tools.run(argv, pass.env(), stdin, stdout, timeout);
            } catch (IOException e) {
                throw refuse(step, "cannot run " + argv.getFirst() + ": " + e.getMessage());
            }
        }
    }

    /** fsync the file, rename it into place (never over an existing backup), fsync the folder. */
    private static void place(Path from, Path to) throws Refused {
        try {
            try (FileChannel channel = FileChannel.open(from, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (Files.exists(to)) {
                throw refuse(DumpStep.STORE, to + " already exists; a backup is never written over another");
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel folder = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
                folder.force(true);
            }
        } catch (IOException e) {
            throw refuse(DumpStep.STORE, "cannot store " + to + ": " + e);
        }
    }

    private static long size(Path file) throws Refused {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw refuse(DumpStep.SIZE, "pg_dump exited 0 and left no file " + file.getFileName() + ": " + e);
        }
    }

    static String sha256(Path file) throws Refused {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw refuse(DumpStep.CHECKSUM, "cannot read " + file + ": " + e);
        }
    }

    private static String read(DumpStep step, Path file) throws Refused {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw refuse(step, "cannot read " + file + ": " + e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Only ever a temp file the next run overwrites under a new name; the result already says what failed.
        }
    }

    private static Refused refuse(DumpStep step, String reason) {
        return new Refused(new DumpResult.Failed(step, reason));
    }

    /** Carries an expected failure out of nested steps to {@link #run}, which turns it back into a value. */
    private static final class Refused extends Exception {
        final DumpResult.Failed failed;

        Refused(DumpResult.Failed failed) {
            super(failed.message(), null, false, false);
            this.failed = failed;
        }
    }
}
