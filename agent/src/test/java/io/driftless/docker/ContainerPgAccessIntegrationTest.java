package io.driftless.docker;

import com.github.dockerjava.api.DockerClient;
import io.driftless.backup.BreakGlassRestore;
import io.driftless.backup.DrillRequest;
import io.driftless.backup.DrillResult;
import io.driftless.backup.DrillStep;
import io.driftless.backup.DumpRequest;
import io.driftless.backup.DumpResult;
import io.driftless.backup.DumpStep;
import io.driftless.backup.OneBackup;
import io.driftless.backup.PgAccess;
import io.driftless.backup.PgAccessFactory;
import io.driftless.backup.PgServer;
import io.driftless.backup.ReadBack;
import io.driftless.backup.PgCommands;
import io.driftless.backup.RestoreDrill;
import io.driftless.backup.RestoreRequest;
import io.driftless.backup.RestoreResult;
import io.driftless.backup.SidecarReader;
import io.driftless.desired.Backup;
import io.driftless.live.Labels;
import io.driftless.testing.Components;
import io.driftless.testing.FakeClock;
import io.driftless.testing.Integration;
import io.driftless.testing.PgImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code postgres.container} against a real container of {@code scripts/pg-image.sh}'s image: the core's backup,
 * drill and break-glass restore with every program and query run inside it with docker exec.
 */
@Integration
class ContainerPgAccessIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String SERVICE = "db";
    private static final String LEFT = "select count(*) from pg_database where datname like 'driftless\\_%'";

    private static final String instance = "dltest-" + UUID.randomUUID().toString().substring(0, 8);
    private static DockerEngine engine;
    private static DockerClient raw;
    private static final List<String> containers = new ArrayList<>();
    /** The managed container serving {@link #SERVICE}, as the agent would have made it. */
    private static String serving;

    @TempDir
    Path dir;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T03:00:00Z"));

    @BeforeAll
    static void database() throws Exception {
        Components.require("dockerd");
        String image = PgImage.ensure();
        engine = DockerEngine.connect(DockerSettings.forInstance(instance, System.getenv()));
        raw = engine.clients().quick();
        serving = instance + "-" + SERVICE + "-blue";
        String id = raw.createContainerCmd(image).withName(serving)
                .withEnv("PG_APP_USER=app", "PG_APP_DB=app")
                .withLabels(Map.of(Labels.MANAGED, "true", Labels.INSTANCE, instance, Labels.SERVICE, SERVICE,
                        Labels.SLOT, "blue"))
                .exec().getId();
        containers.add(id);
        raw.startContainerCmd(id).exec();
        awaitReady(id);
        psql(id, "app", """
                create table items (id int primary key, name text not null);
                insert into items select g, 'item ' || g from generate_series(1, 500) g;
                create schema shop;
                create table shop.orders (id int primary key, item int references items);
                insert into shop.orders select g, g % 500 + 1 from generate_series(1, 1200) g;
                analyze items;
                analyze shop.orders;
                """);
    }

    @AfterAll
    static void remove() {
        if (raw != null) {
            for (String id : containers) {
                try {
                    raw.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static Backup policy(String container) {
        return new Backup("main-db", new Backup.Container(container, "app", "app"), "0 3 * * *", "/unused",
                new Backup.Keep(3, 0, 0, 0), null, null);
    }

    private static PgAccess access() throws PgAccessFactory.Unusable {
        Backup policy = policy(SERVICE);
        return ContainerPgAccess.of(engine, policy, (Backup.Container) policy.postgres());
    }

    private DumpResult.Stored backup(PgAccess access) {
        DumpResult result = new OneBackup(access.tools(), access.server(), access.root(), clock, TIMEOUT)
                .run(new DumpRequest("main-db", access.connection(), access.passwordFile(), dir.resolve("backups"), "c0ffee"));
        clock.advance(Duration.ofMinutes(10));
        return assertInstanceOf(DumpResult.Stored.class, result, result::toString);
    }

    @Test
    void theServiceNameMeansItsManagedContainerAndTheProgramsUseItsLocalSocketWithNoPassword() throws Exception {
        PgAccess access = access();

        assertEquals("container db (" + serving + ")", access.where());
        assertEquals(Optional.of(access.where()), access.tools().container());
        assertEquals("postgresql:///app?user=app&host=%2Fvar%2Frun%2Fpostgresql", access.connection().url());
        assertEquals(Optional.empty(), access.passwordFile());
        assertTrue(access.tools().installed(Path.of("/usr/lib/postgresql/15/bin/pg_dump")));
        assertEquals(false, access.tools().installed(Path.of("/usr/lib/postgresql/16/bin/pg_dump")));
    }

    @Test
    void aBackupIsStoredOnTheHostReadBackWholeAndItsSidecarListsTheTables() throws Exception {
        DumpResult.Stored stored = backup(access());

        byte[] head = new byte[5];
        try (var in = Files.newInputStream(stored.file())) {
            assertEquals(5, in.read(head));
        }
        assertEquals("PGDMP", new String(head, StandardCharsets.US_ASCII));
        assertEquals(stored.facts(), SidecarReader.parse(Files.readString(stored.sidecar())));
        assertTrue(stored.facts().serverVersion().startsWith("15."), stored.facts().serverVersion());
        assertTrue(stored.facts().clientVersion().startsWith("15."), stored.facts().clientVersion());
        assertEquals(List.of(new PgServer.TableEstimate("public", "items", 500),
                new PgServer.TableEstimate("shop", "orders", 1200)), stored.facts().tables());
        assertEquals(Files.size(stored.file()), stored.facts().size());
        assertEquals(Optional.empty(), new ReadBack(access().tools(), new PgCommands(PgCommands.DEBIAN_ROOT, 15), TIMEOUT)
                .check(stored.file()));
    }

    @Test
    void aDrillIntoAScratchDatabaseInsideTheContainerPassesAndLeavesNothingBehind() throws Exception {
        PgAccess access = access();
        DumpResult.Stored stored = backup(access);

        DrillResult result = new RestoreDrill(access.tools(), access.server(), access.root(), clock, TIMEOUT)
                .run(new DrillRequest(Optional.of(stored), access.connection(), access.passwordFile(),
                        Optional.of("select count(*) = 500 from items")));

        DrillResult.Passed passed = assertInstanceOf(DrillResult.Passed.class, result, result::toString);
        assertEquals(2, passed.tables());
        assertEquals("0", psql(containers.getFirst(), "app", LEFT).strip());
    }

    @Test
    void aDrillWhoseVerifyQueryAnswersFalseOrFailsIsAFailedVerifyStepAndItsScratchDatabaseIsDropped() throws Exception {
        PgAccess access = access();
        DumpResult.Stored stored = backup(access);
        RestoreDrill drill = new RestoreDrill(access.tools(), access.server(), access.root(), clock, TIMEOUT);

        DrillResult.Failed answeredFalse = assertInstanceOf(DrillResult.Failed.class, drill.run(new DrillRequest(
                Optional.of(stored), access.connection(), Optional.empty(), Optional.of("select count(*) > 500 from items"))));
        clock.advance(Duration.ofMinutes(1));
        DrillResult.Failed notBoolean = assertInstanceOf(DrillResult.Failed.class, drill.run(new DrillRequest(
                Optional.of(stored), access.connection(), Optional.empty(), Optional.of("select count(*) from items"))));
        clock.advance(Duration.ofMinutes(1));
        DrillResult.Failed broken = assertInstanceOf(DrillResult.Failed.class, drill.run(new DrillRequest(
                Optional.of(stored), access.connection(), Optional.empty(), Optional.of("select count(*) > 0 from users"))));

        assertEquals(DrillStep.VERIFY, answeredFalse.step());
        assertEquals("the verify query `select count(*) > 500 from items` answered false on the restored database",
                answeredFalse.reason());
        assertEquals(DrillStep.VERIFY, notBoolean.step());
        assertEquals("the verify query `select count(*) from items` must answer one boolean column and answered a column "
                + "that is not boolean", notBoolean.reason());
        assertEquals(DrillStep.VERIFY, broken.step());
        assertTrue(broken.reason().startsWith("the verify query `select count(*) > 0 from users` failed: cannot ask the "
                + "server in container db (" + serving + ") about database driftless_drill_"), broken.reason());
        assertTrue(broken.reason().contains("relation \"users\" does not exist"), broken.reason());
        assertEquals("0", psql(containers.getFirst(), "app", LEFT).strip());
    }

    @Test
    void aBreakGlassRestoreInsideTheContainerPutsTheBackupInPlaceAndKeepsTheOldDatabase() throws Exception {
        PgAccess access = access();
        DumpResult.Stored stored = backup(access);
        psql(containers.getFirst(), "app", "insert into items values (9001, 'written after the backup')");

        RestoreResult result = new BreakGlassRestore(access.tools(), access.server(), access.root(), clock, TIMEOUT)
                .run(new RestoreRequest("main-db", stored, access.connection(), Optional.empty(), dir.resolve("backups"),
                        "c0ffee"));

        RestoreResult.Restored restored = assertInstanceOf(RestoreResult.Restored.class, result, result::toString);
        try {
            assertEquals("0", psql(containers.getFirst(), "app", "select count(*) from items where id = 9001").strip());
            assertEquals("1", psql(containers.getFirst(), restored.replacedKeptAs(),
                    "select count(*) from items where id = 9001").strip());
            assertTrue(Files.exists(restored.preRestoreBackup().file()));
        } finally {
            psql(containers.getFirst(), "postgres", "drop database if exists " + restored.replacedKeptAs());
        }
    }

    @Test
    void aProgramPastItsTimeoutIsKilledInsideTheContainerAndSaysSo() throws Exception {
        PgAccess access = access();
        long started = System.nanoTime();

        var run = access.tools().run(List.of("sleep", "600"), Map.of(), Optional.empty(), dir.resolve("out"),
                Duration.ofSeconds(1));

        assertTrue(run.timedOut(), run::toString);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos(), "the host waited for the grace");
        assertEquals("", psql(containers.getFirst(), "app", "select 1 where false").strip());
    }

    @Test
    void aContainerThatIsNotRunningFailsTheConnectStepSayingSo() throws Exception {
        String name = instance + "-stopped";
        containers.add(raw.createContainerCmd(PgImage.REF).withName(name).exec().getId());
        Backup policy = policy(name);
        PgAccess access = ContainerPgAccess.of(engine, policy, (Backup.Container) policy.postgres());

        DumpResult result = new OneBackup(access.tools(), access.server(), access.root(), clock, TIMEOUT)
                .run(new DumpRequest("main-db", access.connection(), access.passwordFile(), dir.resolve("backups"), "c0ffee"));

        DumpResult.Failed failed = assertInstanceOf(DumpResult.Failed.class, result, result::toString);
        assertEquals(DumpStep.CONNECT, failed.step());
        assertEquals("container " + name + " is not running; start it or check postgres.container", failed.reason());
        assertEquals(false, Files.exists(dir.resolve("backups")));
    }

    @Test
    void aNameThatIsNeitherAServiceNorAContainerIsUnusable() {
        Backup policy = policy(instance + "-nothing");

        PgAccessFactory.Unusable unusable = assertThrows(PgAccessFactory.Unusable.class,
                () -> ContainerPgAccess.of(engine, policy, (Backup.Container) policy.postgres()));

        assertEquals("backup main-db: postgres.container " + instance + "-nothing is neither a service with a container "
                + "nor a container on this host; start it or check postgres.container", unusable.getMessage());
    }

    /** psql as {@code user} in the container, the SQL on stdin; its unaligned output. */
    private static String psql(String container, String database, String sql) throws IOException {
        ContainerExec exec = new ContainerExec(raw, container, "test container");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String user = database.equals("postgres") ? "postgres" : "app";
        ContainerExec.Result result = exec.run(List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                        "-U", user, "-d", database, "-f", "-"), Map.of(),
                new ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)), sql.getBytes(StandardCharsets.UTF_8).length,
                out, Duration.ofMinutes(1));
        if (result.exit() != 0 || result.timedOut()) {
            fail("psql in the test container failed: " + result);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void awaitReady(String container) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ContainerExec.Result result = new ContainerExec(raw, container, "test container").run(
                    List.of("psql", "-X", "-U", "app", "-d", "app", "-c", "select 1"), Map.of(), null, 0,
                    java.io.OutputStream.nullOutputStream(), Duration.ofSeconds(10));
            if (result.exit() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        fail("the PostgreSQL container did not accept connections within 60s");
    }
}
