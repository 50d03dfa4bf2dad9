package io.driftless.pgclient;

import io.driftless.testing.ScratchDatabase;
import io.driftless.backup.DumpRequest;
import io.driftless.backup.DumpResult;
import io.driftless.backup.DumpStep;
import io.driftless.backup.FactsOnly;
import io.driftless.backup.OneBackup;
import io.driftless.backup.PgCommands;
import io.driftless.backup.PgServer;
import io.driftless.testing.FakeClock;
import io.driftless.testing.Integration;
import io.driftless.testing.Programs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One backup against the host's PostgreSQL 15 with its real pg_dump and pg_restore. */
@Integration
class OneBackupIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** What every row of a table hashes to, in key order: equal on both sides means every row came back. */
    private static final String ROWS_DIGEST = "select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' order by id)), '') from %s t";

    @TempDir
    Path dir;
    private ScratchDatabase db;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T03:00:00Z"));

    @BeforeEach
    void database() {
        db = ScratchDatabase.create();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private OneBackup backup(Path root, PgServer server) {
        return new OneBackup(new ProcessPgTools(), server, root, clock, TIMEOUT);
    }

    private DumpRequest request(Path target, String password) throws Exception {
        return new DumpRequest("app", db.connection(), Optional.of(db.passwordFile(dir, password)), target, "0123abcd");
    }

    @Test
    void aDatabaseWithDataIsStoredWithItsSidecarAndRestoresEveryRow() throws Exception {
        db.sql(db.role,
                "create table customers (id int primary key, name text not null)",
                "insert into customers select g, 'customer ' || g from generate_series(1, 50) g",
                "create table orders (id bigint primary key, customer int references customers, total numeric, note text)",
                "insert into orders select g, 1 + g % 50, g * 1.25, md5(g::text) from generate_series(1, 1000) g",
                "analyze");
        Path target = dir.resolve("backups");

        DumpResult result = backup(PgCommands.DEBIAN_ROOT, new JdbcPgServer()).run(request(target, db.password));

        DumpResult.Stored stored = assertInstanceOf(DumpResult.Stored.class, result, result::toString);
        Path folder = target.resolve("app");
        assertEquals(folder.resolve("app-20261121T030000Z.dump"), stored.file());
        assertEquals(folder.resolve("app-20261121T030000Z.dump.json"), stored.sidecar());
        assertEquals(List.of("app-20261121T030000Z.dump", "app-20261121T030000Z.dump.json"), names(folder));
        assertEquals(Files.size(stored.file()), stored.facts().size());
        assertEquals(sha256(stored.file()), stored.facts().sha256());
        assertEquals(stored.facts().json(), Files.readString(stored.sidecar()));
        assertTrue(stored.facts().serverVersion().startsWith("15."), stored.facts().serverVersion());
        assertTrue(stored.facts().clientVersion().startsWith("15."), stored.facts().clientVersion());
        assertEquals("0123abcd", stored.facts().policyCommit());
        assertEquals(List.of(new PgServer.TableEstimate("public", "customers", 50), new PgServer.TableEstimate("public", "orders", 1000)),
                stored.facts().tables());

        String fresh = db.database(db.role + "_restored");
        ProcessBuilder restore = new ProcessBuilder(PgCommands.DEBIAN_ROOT.resolve("15/bin/pg_restore").toString(),
                "--exit-on-error", "--no-owner", "-d", db.url(fresh), stored.file().toString());
        restore.environment().put("PGPASSWORD", db.password);
        Programs.run(restore, "pg_restore into a fresh database");
        for (String table : List.of("customers", "orders")) {
            assertEquals(db.single(db.role, ROWS_DIGEST.formatted(table)), db.single(fresh, ROWS_DIGEST.formatted(table)), table);
        }
        assertTrue(db.single(fresh, ROWS_DIGEST.formatted("orders")).startsWith("1000:"));
    }

    @Test
    void aWrongPasswordFailsClearlyAndStoresNothing() throws Exception {
        Path target = dir.resolve("backups");

        DumpResult result = backup(PgCommands.DEBIAN_ROOT, new JdbcPgServer()).run(request(target, "not the password"));

        DumpResult.Failed failed = assertInstanceOf(DumpResult.Failed.class, result);
        assertEquals(DumpStep.CONNECT, failed.step());
        assertTrue(failed.reason().contains("password authentication failed for user \"" + db.role + "\""), failed.reason());
        assertFalse(failed.reason().contains("not the password"), failed.reason());
        assertFalse(Files.exists(target));
    }

    @Test
    void aPasswordPgDumpIsRefusedFailsTheDumpStepAndLeavesNoTempFile() throws Exception {
        // The server was asked with the right password, pg_dump gets a wrong one: pg_dump's own failure is caught.
        JdbcPgServer real = new JdbcPgServer();
        PgServer askedRight = new FactsOnly((connection, password) -> real.facts(connection, db.password));
        Path target = dir.resolve("backups");

        DumpResult result = backup(PgCommands.DEBIAN_ROOT, askedRight).run(request(target, "not the password"));

        DumpResult.Failed failed = assertInstanceOf(DumpResult.Failed.class, result);
        assertEquals(DumpStep.DUMP, failed.step());
        assertTrue(failed.reason().startsWith("pg_dump exited 1: "), failed.reason());
        assertTrue(failed.reason().contains("password authentication failed"), failed.reason());
        assertEquals(List.of(), names(target.resolve("app")));
    }

    @Test
    void aMissingClientIsRefusedWithTheDebianPackageToInstall() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("no-clients"));
        Path target = dir.resolve("backups");

        DumpResult result = backup(empty, new JdbcPgServer()).run(request(target, db.password));

        DumpResult.Failed failed = assertInstanceOf(DumpResult.Failed.class, result);
        assertEquals(DumpStep.CLIENT, failed.step());
        assertEquals("the server runs PostgreSQL 15 and its client programs are not installed at " + empty.resolve("15/bin")
                + "; install Debian's package postgresql-client-15 (apt-get install postgresql-client-15)", failed.reason());
        assertFalse(Files.exists(target));
    }

    @Test
    void aFullDiskFailsTheBackupLeavesNoPartialFileAndTheOlderBackupByteForByte() throws Exception {
        Path target = Files.createDirectory(dir.resolve("tmpfs"));
        Programs.run(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", target.toString()), "mount a 64k tmpfs");
        try {
            db.sql(db.role, "create table notes (id int primary key, body text)",
                    "insert into notes select g, 'small ' || g from generate_series(1, 20) g");
            OneBackup backup = backup(PgCommands.DEBIAN_ROOT, new JdbcPgServer());
            DumpResult.Stored older = assertInstanceOf(DumpResult.Stored.class, backup.run(request(target, db.password)));
            byte[] olderDump = Files.readAllBytes(older.file());
            byte[] olderSidecar = Files.readAllBytes(older.sidecar());
            // Random hex barely compresses: some 700 kB of it cannot fit in 64 kB.
            db.sql(db.role, "insert into notes select g, md5(random()::text) || md5(random()::text) "
                    + "from generate_series(21, 10020) g");
            clock.advance(Duration.ofDays(1));

            DumpResult result = backup.run(request(target, db.password));

            DumpResult.Failed failed = assertInstanceOf(DumpResult.Failed.class, result, result::toString);
            assertEquals(DumpStep.DUMP, failed.step());
            assertTrue(failed.reason().contains("No space left on device"), failed.reason());
            assertEquals(List.of("app-20261121T030000Z.dump", "app-20261121T030000Z.dump.json"), names(target.resolve("app")));
            assertArrayEquals(olderDump, Files.readAllBytes(older.file()));
            assertArrayEquals(olderSidecar, Files.readAllBytes(older.sidecar()));
        } finally {
            Programs.run(new ProcessBuilder("umount", target.toString()), "unmount the tmpfs");
        }
    }

    /** Every file in the folder, hidden ones included, sorted; none when it does not exist. */
    private static List<String> names(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
