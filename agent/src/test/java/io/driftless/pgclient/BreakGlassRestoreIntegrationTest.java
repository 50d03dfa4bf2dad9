package io.driftless.pgclient;

import io.driftless.testing.ScratchDatabase;
import io.driftless.backup.BreakGlassRestore;
import io.driftless.backup.DumpRequest;
import io.driftless.backup.DumpResult;
import io.driftless.backup.OneBackup;
import io.driftless.backup.PgCommands;
import io.driftless.backup.RestorePlan;
import io.driftless.backup.RestoreRequest;
import io.driftless.backup.RestoreResult;
import io.driftless.backup.RestoreStep;
import io.driftless.backup.Sidecar;
import io.driftless.testing.FakeClock;
import io.driftless.testing.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Break-glass restores of a real backup on the host's PostgreSQL 15, by a role with CREATEDB that owns the target. */
@Integration
class BreakGlassRestoreIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** The restore starts an hour after the backup. */
    private static final String STAMP = "20261121040000";
    private static final String SCRATCH = "driftless_restore_" + STAMP;

    @TempDir
    Path dir;
    private ScratchDatabase db;
    private String replaced;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T03:00:00Z"));

    @BeforeEach
    void database() throws Exception {
        db = ScratchDatabase.create("h12_", "createdb");
        replaced = db.role + "_replaced_" + STAMP;
        db.sql(db.role, "create table items (id int primary key, name text not null)",
                "insert into items select g, 'item ' || g from generate_series(1, 20) g",
                "create table notes (id int primary key, body text)", "analyze");
    }

    @AfterEach
    void drop() {
        // The role cannot be dropped while it owns a database, and these two are not the helper's.
        ScratchDatabase.asSuperuser("drop database if exists " + SCRATCH + " with (force)");
        ScratchDatabase.asSuperuser("drop database if exists " + replaced + " with (force)");
        db.close();
    }

    private DumpResult.Stored backup() throws Exception {
        DumpResult result = new OneBackup(new ProcessPgTools(), new JdbcPgServer(), PgCommands.DEBIAN_ROOT, clock, TIMEOUT)
                .run(new DumpRequest("app", db.connection(), Optional.of(db.passwordFile(dir, db.password)),
                        dir.resolve("backups"), "0123abcd"));
        clock.advance(Duration.ofHours(1));
        return assertInstanceOf(DumpResult.Stored.class, result, result::toString);
    }

    private BreakGlassRestore restorer() {
        return new BreakGlassRestore(new ProcessPgTools(), new JdbcPgServer(), PgCommands.DEBIAN_ROOT, clock, TIMEOUT);
    }

    private RestoreRequest request(DumpResult.Stored backup) throws Exception {
        return new RestoreRequest("app", backup, db.connection(), Optional.of(db.passwordFile(dir, db.password)),
                dir.resolve("backups"), "0123abcd");
    }

    private String exists(String database) throws SQLException {
        return db.single(db.role, "select count(*) from pg_database where datname = '" + database + "'");
    }

    private Path preRestoreFile() {
        return dir.resolve("backups/app/app-20261121T040000Z.dump");
    }

    @Test
    void aDroppedTableComesBackAndTheReplacedDatabaseIsKept() throws Exception {
        DumpResult.Stored stored = backup();
        db.sql(db.role, "drop table items");

        RestoreResult result = restorer().run(request(stored));

        RestoreResult.Restored restored = assertInstanceOf(RestoreResult.Restored.class, result, result::toString);
        assertEquals(replaced, restored.replacedKeptAs());
        assertEquals(preRestoreFile(), restored.preRestoreBackup().file());
        assertTrue(Files.isRegularFile(preRestoreFile()));
        assertEquals("20", db.single(db.role, "select count(*) from items"));
        assertEquals("210", db.single(db.role, "select sum(id) from items"));
        assertEquals("item 7", db.single(db.role, "select name from items where id = 7"));
        // The kept copy is what was replaced: no items, notes still there.
        assertEquals("0", db.single(replaced, "select count(*) from pg_tables where tablename = 'items'"));
        assertEquals("1", db.single(replaced, "select count(*) from pg_tables where tablename = 'notes'"));
        assertEquals("0", exists(SCRATCH));
    }

    @Test
    void anOpenSessionOnTheTargetIsEndedAndDoesNotStopTheRestore() throws Exception {
        DumpResult.Stored stored = backup();
        db.sql(db.role, "drop table items");
        try (Connection held = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db.role, db.role,
                db.password); Statement statement = held.createStatement()) {
            statement.execute("select 1");

            RestoreResult result = restorer().run(request(stored));

            assertInstanceOf(RestoreResult.Restored.class, result, result::toString);
            assertThrows(SQLException.class, () -> statement.execute("select 1"));
        }
        assertEquals("20", db.single(db.role, "select count(*) from items"));
    }

    @Test
    void aTruncatedBackupFailsAtRestoreAndLeavesTheTargetAsItWas() throws Exception {
        DumpResult.Stored stored = backup();
        db.sql(db.role, "drop table items");
        byte[] whole = Files.readAllBytes(stored.file());
        Files.write(stored.file(), Arrays.copyOf(whole, whole.length / 2));
        // Recorded as the cut file, as a bad copy verified by its own checksum would be: only restoring it tells.
        Sidecar s = stored.facts();
        Sidecar cut = new Sidecar(s.name(), s.file(), s.at(), whole.length / 2, OneBackupIntegrationTest.sha256(stored.file()),
                s.serverVersion(), s.clientVersion(), s.duration(), s.tables(), s.policyCommit());

        RestoreResult result = restorer().run(request(new DumpResult.Stored(stored.file(), stored.sidecar(), cut)));

        RestoreResult.Failed failed = assertInstanceOf(RestoreResult.Failed.class, result, result::toString);
        assertEquals(RestoreStep.RESTORE, failed.step());
        assertTrue(failed.reason().startsWith(stored.file().getFileName() + " does not restore: pg_restore exited 1"),
                failed.reason());
        assertTrue(failed.reason().endsWith(db.role + " is unchanged, its pre-restore backup is " + preRestoreFile()),
                failed.reason());
        assertEquals("0", db.single(db.role, "select count(*) from pg_tables where tablename = 'items'"));
        assertEquals("1", db.single(db.role, "select count(*) from pg_tables where tablename = 'notes'"));
        assertEquals("0", exists(SCRATCH));
        assertEquals("0", exists(replaced));
        assertEquals("t", db.single(db.role, "select has_database_privilege('public', current_database(), 'connect')"));
    }

    @Test
    void planChangesNothing() throws Exception {
        DumpResult.Stored stored = backup();
        db.sql(db.role, "drop table items");

        RestorePlan plan = restorer().plan(request(stored));

        assertEquals(new RestorePlan(db.role, stored.file(), Instant.parse("2026-11-21T03:00:00Z"),
                dir.resolve("backups/app"), SCRATCH, replaced), plan);
        assertEquals("0", exists(SCRATCH));
        assertEquals("0", exists(replaced));
        assertEquals("0", db.single(db.role, "select count(*) from pg_tables where tablename = 'items'"));
        assertTrue(Files.notExists(preRestoreFile()));
    }
}
