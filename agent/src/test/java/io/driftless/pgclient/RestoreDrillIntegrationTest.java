package io.driftless.pgclient;

import io.driftless.testing.ScratchDatabase;
import io.driftless.backup.DrillRequest;
import io.driftless.backup.DrillResult;
import io.driftless.backup.DrillStep;
import io.driftless.backup.DumpRequest;
import io.driftless.backup.DumpResult;
import io.driftless.backup.OneBackup;
import io.driftless.backup.PgCommands;
import io.driftless.backup.RestoreDrill;
import io.driftless.backup.Sidecar;
import io.driftless.backup.SidecarReader;
import io.driftless.testing.FakeClock;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restore drills of a real backup on the host's PostgreSQL 15, by a role that may create databases. */
@Integration
class RestoreDrillIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** The drill starts an hour after the backup. */
    private static final String SCRATCH = "driftless_drill_20261121040000";
    private static final String LEFT = "select count(*) from pg_database where datname like 'driftless\\_drill\\_%'";

    @TempDir
    Path dir;
    private ScratchDatabase db;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T03:00:00Z"));

    @BeforeEach
    void database() throws Exception {
        db = ScratchDatabase.create("h9_", "createdb");
        db.sql(db.role, "create table items (id int primary key, name text not null)",
                "insert into items select g, 'item ' || g from generate_series(1, 20) g",
                "create table notes (id int primary key, body text)", "analyze");
    }

    @AfterEach
    void drop() {
        // Only if a drill failed to: the role cannot be dropped while it owns a database.
        ScratchDatabase.asSuperuser("drop database if exists " + SCRATCH + " with (force)");
        db.close();
    }

    private DumpResult.Stored backup() throws Exception {
        DumpResult result = new OneBackup(new ProcessPgTools(), new JdbcPgServer(), PgCommands.DEBIAN_ROOT, clock, TIMEOUT)
                .run(new DumpRequest("app", db.connection(), Optional.of(db.passwordFile(dir, db.password)),
                        dir.resolve("backups"), "0123abcd"));
        clock.advance(Duration.ofHours(1));
        return assertInstanceOf(DumpResult.Stored.class, result, result::toString);
    }

    private DrillResult drill(Optional<DumpResult.Stored> newest, String query) throws Exception {
        DrillResult result = new RestoreDrill(new ProcessPgTools(), new JdbcPgServer(), PgCommands.DEBIAN_ROOT, clock, TIMEOUT)
                .run(new DrillRequest(newest, db.connection(), Optional.of(db.passwordFile(dir, db.password)), Optional.of(query)));
        assertEquals("0", db.single(db.role, LEFT), "a driftless_drill_ database was left behind");
        return result;
    }

    @Test
    void aBackupOfDataPassesItsDrillAndLeavesNoScratchDatabase() throws Exception {
        DumpResult.Stored written = backup();
        // As a caller finds it on disk: the sidecar read back from its file.
        DumpResult.Stored stored = new DumpResult.Stored(written.file(), written.sidecar(),
                SidecarReader.parse(Files.readString(written.sidecar())));
        assertEquals(written.facts(), stored.facts());

        DrillResult result = drill(Optional.of(stored), "select count(*) > 0 from items");

        DrillResult.Passed passed = assertInstanceOf(DrillResult.Passed.class, result, result::toString);
        assertEquals(stored.file(), passed.backup());
        assertEquals(Files.size(stored.file()), passed.sizeBytes());
        assertEquals(2, passed.tables());
    }

    @Test
    void aQueryAnsweringFalseIsAFailedDrillAndTheScratchDatabaseIsGone() throws Exception {
        DrillResult result = drill(Optional.of(backup()), "select count(*) = 0 from items");

        DrillResult.Failed failed = assertInstanceOf(DrillResult.Failed.class, result, result::toString);
        assertEquals(DrillStep.VERIFY, failed.step());
        assertEquals("the verify query `select count(*) = 0 from items` answered false on the restored database",
                failed.reason());
    }

    @Test
    void aQueryThatErrsIsAFailedDrillWithTheServersReason() throws Exception {
        DrillResult result = drill(Optional.of(backup()), "select count(*) > 0 from no_such_table");

        DrillResult.Failed failed = assertInstanceOf(DrillResult.Failed.class, result, result::toString);
        assertEquals(DrillStep.VERIFY, failed.step());
        assertTrue(failed.reason().contains("relation \"no_such_table\" does not exist"), failed.reason());
    }

    @Test
    void aTruncatedDumpFailsTheRestoreStepAndTheScratchDatabaseIsGone() throws Exception {
        DumpResult.Stored stored = backup();
        byte[] whole = Files.readAllBytes(stored.file());
        Files.write(stored.file(), Arrays.copyOf(whole, whole.length / 2));
        // Recorded as the cut file, as a bad copy verified by its own checksum would be: only restoring it tells.
        Sidecar s = stored.facts();
        Sidecar cut = new Sidecar(s.name(), s.file(), s.at(), whole.length / 2, OneBackupIntegrationTest.sha256(stored.file()),
                s.serverVersion(), s.clientVersion(), s.duration(), s.tables(), s.policyCommit());

        DrillResult result = drill(Optional.of(new DumpResult.Stored(stored.file(), stored.sidecar(), cut)),
                "select count(*) > 0 from items");

        DrillResult.Failed failed = assertInstanceOf(DrillResult.Failed.class, result, result::toString);
        assertEquals(DrillStep.RESTORE, failed.step());
        assertTrue(failed.reason().startsWith(stored.file().getFileName() + " does not restore: pg_restore exited 1"),
                failed.reason());
    }

    @Test
    void aDumpChangedSinceItsSidecarIsAFailedDrillBeforeAnythingIsCreated() throws Exception {
        DumpResult.Stored stored = backup();
        byte[] whole = Files.readAllBytes(stored.file());
        Files.write(stored.file(), Arrays.copyOf(whole, whole.length / 2));

        DrillResult result = drill(Optional.of(stored), "select count(*) > 0 from items");

        assertEquals(DrillStep.BACKUP, assertInstanceOf(DrillResult.Failed.class, result, result::toString).step());
    }

    @Test
    void noBackupIsAFailedDrill() throws Exception {
        DrillResult result = drill(Optional.empty(), "select count(*) > 0 from items");

        DrillResult.Failed failed = assertInstanceOf(DrillResult.Failed.class, result, result::toString);
        assertEquals(DrillStep.BACKUP, failed.step());
    }
}
