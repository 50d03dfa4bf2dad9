package io.driftless.backup;

import io.driftless.testing.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The steps before any program runs; the ones that run pg_dump are in pgclient's integration tests. */
class OneBackupTest {
    @TempDir
    Path dir;

    private static final PgTools NO_PROGRAMS = (ScriptedTools) (argv, env, stdin, stdout, timeout) -> {
        throw new AssertionError("no program may run: " + argv);
    };
    private static final PgServer NOT_ASKED = new FactsOnly((connection, password) -> {
        throw new AssertionError("the server may not be asked");
    });

    private DumpResult.Failed run(PgServer server, Optional<Path> passwordFile) {
        OneBackup backup = new OneBackup(NO_PROGRAMS, server, PgCommands.DEBIAN_ROOT, new FakeClock(), Duration.ofMinutes(1));
        DumpResult result = backup.run(new DumpRequest("app", PgConnection.parse("postgresql://app@127.0.0.1:5432/app"),
                passwordFile, dir.resolve("backups"), "c0ffee"));
        assertFalse(Files.exists(dir.resolve("backups")));
        return assertInstanceOf(DumpResult.Failed.class, result);
    }

    @Test
    void aMissingPasswordFileFailsBeforeTheServerIsAsked() {
        DumpResult.Failed failed = run(NOT_ASKED, Optional.of(dir.resolve("db.pass")));

        assertEquals(DumpStep.PASSWORD, failed.step());
        assertEquals("the password file " + dir.resolve("db.pass") + " does not exist; write the database password into "
                + "it (chmod 600) or point the policy's postgres.passwordFile at the right file", failed.reason());
    }

    @Test
    void aPasswordFileOfSeveralLinesIsRefusedWithoutShowingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("db.pass"), "first\nsecond\n");

        DumpResult.Failed failed = run(NOT_ASKED, Optional.of(file));

        assertEquals(DumpStep.PASSWORD, failed.step());
        assertEquals("the password file " + file + " holds more than one line; write only the database password into it",
                failed.reason());
    }

    @Test
    void aServerThatCannotBeAskedFailsTheConnectStepWithItsReason() {
        PgServer refusing = new FactsOnly((connection, password) -> {
            throw new PgServer.Unreachable("cannot ask the server at 127.0.0.1:5432: Connection refused");
        });

        DumpResult.Failed failed = run(refusing, Optional.empty());

        assertEquals(DumpStep.CONNECT, failed.step());
        assertEquals("connect failed: cannot ask the server at 127.0.0.1:5432: Connection refused", failed.message());
    }
}
