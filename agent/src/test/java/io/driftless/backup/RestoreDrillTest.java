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
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drill's steps and verdicts with the programs and the server as port lambdas; the real ones are in pgclient. */
class RestoreDrillTest {
    private static final PgConnection APP = PgConnection.parse("postgresql://app@127.0.0.1:5432/app");
    private static final String QUERY = "select count(*) > 0 from items";
    private static final String SCRATCH = "driftless_drill_20261121030000";
    private static final List<PgServer.TableEstimate> TABLES = List.of(new PgServer.TableEstimate("public", "items", 3));
    private static final PgServer.Answer TRUE = new PgServer.Answer(1, true, List.of("true"));

    @TempDir
    Path dir;
    private Path root;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T03:00:00Z"));
    /** The program names run, in order. */
    private final List<String> ran = new ArrayList<>();
    /** Exit status of each program by name; 0 for any not named. */
    private Function<String, Integer> exits = program -> 0;
    private PgServer.Answer answer = TRUE;
    private List<PgServer.TableEstimate> restored = TABLES;

    @BeforeEach
    void clients() throws IOException {
        root = dir.resolve("pg");
        Path bin = Files.createDirectories(root.resolve("15/bin"));
        for (String program : List.of("pg_restore", "createdb", "dropdb")) {
            Files.createFile(bin.resolve(program), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
    }

    private final PgTools tools = (ScriptedTools) (argv, env, stdin, stdout, timeout) -> {
        String program = Path.of(argv.getFirst()).getFileName().toString();
        ran.add(program);
        assertEquals(SCRATCH, program.equals("pg_restore") ? PgConnection.parse(argv.get(5)).database() : argv.getLast());
        clock.advance(Duration.ofSeconds(1));
        int exit = exits.apply(program);
        return new PgTools.Run(exit, exit == 0 ? "" : program + ": error: it went wrong", false);
    };

    private final PgServer server = new PgServer() {
        @Override
        public Facts facts(PgConnection connection, String password) {
            return new Facts(150014, "15.14", connection.database().equals(SCRATCH) ? restored : TABLES);
        }

        @Override
        public Answer answer(PgConnection connection, String password, String query) {
            assertEquals(SCRATCH, connection.database());
            assertEquals(QUERY, query);
            return answer;
        }

        @Override
        public String schemaFingerprint(PgConnection connection, String password) {
            throw new AssertionError("a drill reads no schema fingerprint");
        }

        @Override
        public void execute(PgConnection connection, String password, List<String> statements) {
            throw new AssertionError("a drill changes no database: " + statements);
        }
    };

    private Optional<DumpResult.Stored> backup(String recordedSha256) throws IOException {
        Path dump = Files.writeString(dir.resolve("app-20261121T020000Z.dump"), "PGDMP and the rest");
        Sidecar facts = new Sidecar("app", dump.getFileName().toString(), Instant.parse("2026-11-21T02:00:00Z"),
                Files.size(dump), recordedSha256, "15.14", "15.14", Duration.ofSeconds(2), TABLES, "c0ffee");
        return Optional.of(new DumpResult.Stored(dump, dir.resolve(dump.getFileName() + ".json"), facts));
    }

    private Optional<DumpResult.Stored> backup() throws IOException {
        Files.writeString(dir.resolve("app-20261121T020000Z.dump"), "PGDMP and the rest");
        return backup(Sha256.of(dir.resolve("app-20261121T020000Z.dump")));
    }

    private DrillResult drill(Optional<DumpResult.Stored> newest) {
        return new RestoreDrill(tools, server, root, clock, Duration.ofMinutes(1))
                .run(new DrillRequest(newest, APP, Optional.empty(), Optional.of(QUERY)));
    }

    private DrillResult.Failed failed(Optional<DumpResult.Stored> newest) {
        DrillResult result = drill(newest);
        return assertInstanceOf(DrillResult.Failed.class, result, result::toString);
    }

    @Test
    void aBackupThatRestoresAnswersTrueAndHasItsTablesPassesAndItsScratchDatabaseIsDropped() throws IOException {
        Optional<DumpResult.Stored> newest = backup();

        DrillResult result = drill(newest);

        assertEquals(new DrillResult.Passed(Duration.ofSeconds(3), newest.get().facts().size(), newest.get().file(), 1), result);
        assertEquals(List.of("createdb", "pg_restore", "dropdb"), ran);
    }

    @Test
    void noBackupIsAFailedDrillThatTouchesNothing() {
        DrillResult.Failed failed = failed(Optional.empty());

        assertEquals(new DrillResult.Failed(DrillStep.BACKUP, "there is no verified backup to restore; run `driftless backup "
                + "run` first", Duration.ZERO), failed);
        assertEquals(List.of(), ran);
    }

    @Test
    void aBackupWhoseFileIsGoneIsAFailedDrill() throws IOException {
        Optional<DumpResult.Stored> newest = backup();
        Files.delete(newest.get().file());

        DrillResult.Failed failed = failed(newest);

        assertEquals(DrillStep.BACKUP, failed.step());
        assertEquals("the newest verified backup " + newest.get().file() + " is gone", failed.reason());
        assertEquals(List.of(), ran);
    }

    @Test
    void aDumpThatIsNotTheOneItsSidecarDescribesIsAFailedDrill() throws IOException {
        DrillResult.Failed failed = failed(backup("00".repeat(32)));

        assertEquals(DrillStep.BACKUP, failed.step());
        assertTrue(failed.reason().endsWith("and its sidecar records " + "00".repeat(32) + ": the file changed after it was "
                + "verified"), failed.reason());
        assertEquals(List.of(), ran);
    }

    @Test
    void aDumpThatDoesNotRestoreFailsTheRestoreStepAndTheScratchDatabaseIsStillDropped() throws IOException {
        exits = program -> program.equals("pg_restore") ? 1 : 0;

        DrillResult.Failed failed = failed(backup());

        assertEquals(new DrillResult.Failed(DrillStep.RESTORE, "app-20261121T020000Z.dump does not restore: pg_restore "
                + "exited 1: pg_restore: error: it went wrong", Duration.ofSeconds(3)), failed);
        assertEquals(List.of("createdb", "pg_restore", "dropdb"), ran);
    }

    @Test
    void aQueryAnsweringFalseFailsTheVerifyStepAndTheScratchDatabaseIsStillDropped() throws IOException {
        answer = new PgServer.Answer(1, true, List.of("false"));

        DrillResult.Failed failed = failed(backup());

        assertEquals(DrillStep.VERIFY, failed.step());
        assertEquals("the verify query `select count(*) > 0 from items` answered false on the restored database", failed.reason());
        assertEquals(List.of("createdb", "pg_restore", "dropdb"), ran);
    }

    @Test
    void aTableTheSidecarListsAndTheRestoreLacksFailsTheTablesStep() throws IOException {
        restored = List.of(new PgServer.TableEstimate("shop", "items", 3));

        DrillResult.Failed failed = failed(backup());

        assertEquals(DrillStep.TABLES, failed.step());
        assertEquals("the sidecar of app-20261121T020000Z.dump lists tables the restored database lacks: public.items",
                failed.reason());
        assertEquals(List.of("createdb", "pg_restore", "dropdb"), ran);
    }

    @Test
    void aDrillThatPassedButCouldNotDropItsDatabaseFailsTheDropStep() throws IOException {
        exits = program -> program.equals("dropdb") ? 1 : 0;

        DrillResult.Failed failed = failed(backup());

        assertEquals(new DrillResult.Failed(DrillStep.DROP, "the scratch database " + SCRATCH + " could not be dropped; drop "
                + "it by hand: dropdb exited 1: dropdb: error: it went wrong", Duration.ofSeconds(3)), failed);
    }

    @Test
    void aFailedStepWhoseDropFailedTooSaysBoth() throws IOException {
        exits = program -> Set.of("pg_restore", "dropdb").contains(program) ? 1 : 0;

        DrillResult.Failed failed = failed(backup());

        assertEquals(DrillStep.RESTORE, failed.step());
        assertEquals("app-20261121T020000Z.dump does not restore: pg_restore exited 1: pg_restore: error: it went wrong; "
                + "the scratch database " + SCRATCH + " could not be dropped; drop it by hand: dropdb exited 1: dropdb: "
                + "error: it went wrong", failed.reason());
    }

    @Test
    void aScratchDatabaseThatCannotBeCreatedFailsTheCreateStepAndNothingIsDropped() throws IOException {
        exits = program -> program.equals("createdb") ? 1 : 0;

        DrillResult.Failed failed = failed(backup());

        assertEquals(DrillStep.CREATE, failed.step());
        assertEquals("cannot create the scratch database " + SCRATCH + " (the policy's user needs CREATEDB): createdb exited 1: "
                + "createdb: error: it went wrong", failed.reason());
        assertEquals(List.of("createdb"), ran);
    }

    @Test
    void missingClientProgramsFailTheClientStepWithThePackageToInstall() throws IOException {
        Files.delete(root.resolve("15/bin/dropdb"));

        DrillResult.Failed failed = failed(backup());

        assertEquals(DrillStep.CLIENT, failed.step());
        assertEquals("the server runs PostgreSQL 15 and " + root.resolve("15/bin/dropdb") + " is not installed; install "
                + "Debian's package postgresql-client-15 (apt-get install postgresql-client-15)", failed.reason());
        assertEquals(List.of(), ran);
    }

    @Test
    void onlyExactlyOneBooleanTrueIsAPassingAnswer() {
        assertEquals(Optional.empty(), RestoreDrill.refusal("q", TRUE));
        assertEquals(Optional.of("the verify query `q` answered null on the restored database"),
                RestoreDrill.refusal("q", new PgServer.Answer(1, true, java.util.Arrays.asList((String) null))));
        assertEquals(Optional.of("the verify query `q` answered 2 rows; it must answer exactly one row with one boolean true"),
                RestoreDrill.refusal("q", new PgServer.Answer(1, true, List.of("true", "true"))));
        assertEquals(Optional.of("the verify query `q` answered 0 rows; it must answer exactly one row with one boolean true"),
                RestoreDrill.refusal("q", new PgServer.Answer(1, true, List.of())));
        assertEquals(Optional.of("the verify query `q` must answer one boolean column and answered a column that is not boolean"),
                RestoreDrill.refusal("q", new PgServer.Answer(1, false, List.of("1"))));
        assertEquals(Optional.of("the verify query `q` must answer one boolean column and answered 2 columns"),
                RestoreDrill.refusal("q", new PgServer.Answer(2, true, List.of("true"))));
    }

    @Test
    void theScratchDatabaseIsNamedByTheDrillsStartInUtc() {
        assertEquals("driftless_drill_20261121030000", RestoreDrill.scratchName(Instant.parse("2026-11-21T03:00:00.900Z")));
    }
}
