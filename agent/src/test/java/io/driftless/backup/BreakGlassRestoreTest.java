package io.driftless.backup;

import io.driftless.io.Sha256;
import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore's steps, command lines and statements with the programs and the server as port lambdas. */
class BreakGlassRestoreTest {
    private static final PgConnection APP = PgConnection.parse("postgresql://app@127.0.0.1:5432/app?sslmode=disable");
    private static final String SCRATCH = "driftless_restore_20261121030000";
    private static final String MAINTENANCE = "--maintenance-db=postgresql://app@127.0.0.1:5432/postgres?sslmode=disable";

    @TempDir
    Path dir;
    private Path root;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T03:00:00Z"));
    /** Each program's argv after its name, and each transaction's statements, in order. */
    private final List<List<String>> ran = new ArrayList<>();
    /** Exit status of each program by its recorded line (the read-back is {@code read back}); 0 for the rest. */
    private Function<List<String>, Integer> exits = line -> 0;
    private boolean swapFails;

    @BeforeEach
    void clients() throws IOException {
        root = dir.resolve("pg");
        Path bin = Files.createDirectories(root.resolve("15/bin"));
        for (String program : List.of("pg_dump", "pg_restore", "createdb", "dropdb")) {
            Files.createFile(bin.resolve(program), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
    }

    private final PgTools tools = (ScriptedTools) (argv, env, stdin, stdout, timeout) -> {
        String program = Path.of(argv.getFirst()).getFileName().toString();
        List<String> line = new ArrayList<>(argv);
        line.set(0, program);
        if (stdin.isPresent()) {
            line.add("< " + stdin.get());
        }
        if (argv.contains("--version")) {
            Files.writeString(stdout, "pg_dump (PostgreSQL) 15.14\n");
        } else if (program.equals("pg_dump")) {
            Files.writeString(stdout, "PGDMP of now");
            line = List.of("pg_dump");
        } else if (program.equals("pg_restore") && argv.contains("-f")) {
            assertEquals(List.of("-f", "/dev/null"), argv.subList(1, argv.size()));
            line = List.of("read back");
        }
        ran.add(line);
        clock.advance(Duration.ofSeconds(1));
        int exit = exits.apply(line);
        return new PgTools.Run(exit, exit == 0 ? "" : program + ": error: it went wrong", false);
    };

    private final PgServer server = new PgServer() {
        @Override
        public Facts facts(PgConnection connection, String password) {
            return new Facts(150014, "15.14", List.of(new TableEstimate("public", "items", 3)));
        }

        @Override
        public Answer answer(PgConnection connection, String password, String query) {
            throw new AssertionError("a restore asks no query: " + query);
        }

        @Override
        public String schemaFingerprint(PgConnection connection, String password) {
            throw new AssertionError("a restore reads no schema fingerprint");
        }

        @Override
        public void execute(PgConnection connection, String password, List<String> statements) throws Unreachable {
            assertEquals("postgres", connection.database());
            ran.add(statements);
            if (swapFails && statements.size() > 1) {
                throw new Unreachable("database \"app\" is being accessed by other users");
            }
        }
    };

    private DumpResult.Stored backup() throws IOException {
        Path dump = Files.writeString(dir.resolve("app-20261121T020000Z.dump"), "PGDMP and the rest");
        Sidecar facts = new Sidecar("app", dump.getFileName().toString(), Instant.parse("2026-11-21T02:00:00Z"),
                Files.size(dump), Sha256.of(dump), "15.14", "15.14", Duration.ofSeconds(2), List.of(), "c0ffee");
        return new DumpResult.Stored(dump, dir.resolve(dump.getFileName() + ".json"), facts);
    }

    private RestoreRequest request(DumpResult.Stored backup) {
        return new RestoreRequest("app", backup, APP, Optional.empty(), dir.resolve("backups"), "c0ffee");
    }

    private BreakGlassRestore restorer() {
        return new BreakGlassRestore(tools, server, root, clock, Duration.ofMinutes(1));
    }

    private Path preRestore() {
        return dir.resolve("backups/app/app-20261121T030000Z.dump");
    }

    private static final SwapSql SQL = new SwapSql("app", SCRATCH, "app_replaced_20261121030000");

    @Test
    void theBackupIsRestoredIntoScratchThenSwappedInAfterThePreRestoreBackup() throws IOException {
        DumpResult.Stored backup = backup();

        RestoreResult result = restorer().run(request(backup));

        RestoreResult.Restored restored = assertInstanceOf(RestoreResult.Restored.class, result, result::toString);
        assertEquals("app_replaced_20261121030000", restored.replacedKeptAs());
        assertEquals(preRestore(), restored.preRestoreBackup().file());
        assertEquals(Duration.ofSeconds(5), restored.duration());
        assertEquals(List.of(
                List.of("pg_dump", "--version"),
                List.of("pg_dump"),
                List.of("read back"),
                List.of("createdb", "--no-password", MAINTENANCE, SCRATCH),
                List.of("pg_restore", "--exit-on-error", "--no-owner", "--no-password", "-d",
                        "postgresql://app@127.0.0.1:5432/" + SCRATCH + "?sslmode=disable", "< " + backup.file()),
                List.of(SQL.closeTarget()),
                SQL.swap()), ran);
    }

    @Test
    void aFailedPreRestoreBackupStopsBeforeAnyChange() throws IOException {
        exits = line -> line.equals(List.of("pg_dump")) ? 1 : 0;

        RestoreResult result = restorer().run(request(backup()));

        RestoreResult.Failed failed = assertInstanceOf(RestoreResult.Failed.class, result, result::toString);
        assertEquals(RestoreStep.PRE_RESTORE, failed.step());
        assertTrue(failed.reason().startsWith("the backup of app before restoring failed, nothing was changed: "),
                failed.reason());
        assertTrue(failed.reason().contains("dump failed: pg_dump exited 1"), failed.reason());
        assertEquals(List.of(List.of("pg_dump", "--version"), List.of("pg_dump")), ran);
    }

    @Test
    void aFailedRestoreDropsTheScratchDatabaseAndNeverTouchesTheTarget() throws IOException {
        exits = line -> line.getFirst().equals("pg_restore") ? 1 : 0;

        RestoreResult result = restorer().run(request(backup()));

        RestoreResult.Failed failed = assertInstanceOf(RestoreResult.Failed.class, result, result::toString);
        assertEquals(RestoreStep.RESTORE, failed.step());
        assertEquals("app-20261121T020000Z.dump does not restore: pg_restore exited 1: pg_restore: error: it went wrong; "
                + "app is unchanged, its pre-restore backup is " + preRestore(), failed.reason());
        assertEquals(List.of("dropdb", "--no-password", "--if-exists", "--force", MAINTENANCE, SCRATCH), ran.getLast());
    }

    @Test
    void aFailedSwapReopensTheTargetAndDropsTheScratchDatabase() throws IOException {
        swapFails = true;

        RestoreResult result = restorer().run(request(backup()));

        RestoreResult.Failed failed = assertInstanceOf(RestoreResult.Failed.class, result, result::toString);
        assertEquals(RestoreStep.SWAP, failed.step());
        assertEquals("cannot put the restored database in the place of app: database \"app\" is being accessed by other "
                + "users; app is unchanged, its pre-restore backup is " + preRestore(), failed.reason());
        assertEquals(List.of(List.of(SQL.closeTarget()), SQL.swap(), List.of(SQL.reopenTarget()),
                List.of("dropdb", "--no-password", "--if-exists", "--force", MAINTENANCE, SCRATCH)),
                ran.subList(ran.size() - 4, ran.size()));
    }

    @Test
    void aChangedBackupIsRefusedBeforeAnythingRuns() throws IOException {
        DumpResult.Stored backup = backup();
        Files.writeString(backup.file(), "PGDMP and something else");

        RestoreResult result = restorer().run(request(backup));

        assertEquals(RestoreStep.BACKUP, assertInstanceOf(RestoreResult.Failed.class, result, result::toString).step());
        assertEquals(List.of(), ran);
    }

    @Test
    void aTargetNameTooLongForTheKeptCopyIsRefusedBeforeAnythingRuns() throws IOException {
        String name = "a".repeat(50);
        RestoreRequest request = new RestoreRequest("app", backup(), APP.withDatabase(name), Optional.empty(),
                dir.resolve("backups"), "c0ffee");

        RestoreResult result = restorer().run(request);

        assertEquals(RestoreStep.NAMES, assertInstanceOf(RestoreResult.Failed.class, result, result::toString).step());
        assertEquals(List.of(), ran);
    }

    @Test
    void thePlanNamesEverythingAndRunsNothing() throws IOException {
        DumpResult.Stored backup = backup();

        RestorePlan plan = restorer().plan(request(backup));

        assertEquals(new RestorePlan("app", backup.file(), Instant.parse("2026-11-21T02:00:00Z"), dir.resolve("backups/app"),
                SCRATCH, "app_replaced_20261121030000"), plan);
        assertEquals(List.of(), ran);
    }
}
