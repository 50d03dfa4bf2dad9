package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgCommandsTest {
    private final PgCommands fifteen = new PgCommands(PgCommands.DEBIAN_ROOT, 15);
    private final PgConnection app = PgConnection.parse("postgresql://app@127.0.0.1:5432/app?sslmode=disable");

    @Test
    void dumpIsCustomFormatFromTheServersOwnMajorNeverPromptsAndTakesTheUrlWhole() {
        assertEquals(List.of("/usr/lib/postgresql/15/bin/pg_dump", "-Fc", "--no-password",
                        "-d", "postgresql://app@127.0.0.1:5432/app?sslmode=disable"),
                fifteen.dump(app));
    }

    @Test
    void readBackReadsEveryBlockOfStdinIntoDevNullNotJustTheList() {
        assertEquals(List.of("/usr/lib/postgresql/15/bin/pg_restore", "-f", "/dev/null"), fifteen.readBack());
    }

    @Test
    void whatToInstallOnTheHostOrInTheContainersImage() {
        assertEquals("install Debian's package postgresql-client-15 (apt-get install postgresql-client-15)",
                fifteen.install(Optional.empty()));
        assertEquals("install Debian's package postgresql-client-15 in the image of container db (driftless-db-blue) (or "
                + "use an image with PostgreSQL 15's programs in /usr/lib/postgresql/15/bin)",
                fifteen.install(Optional.of("container db (driftless-db-blue)")));
    }

    @Test
    void versionAsksThePgDumpThatWillRun() {
        assertEquals(List.of("/usr/lib/postgresql/15/bin/pg_dump", "--version"), fifteen.version());
    }

    @Test
    void theProgramsOfAnotherMajorAndItsDebianPackage() {
        PgCommands sixteen = new PgCommands(Path.of("/opt/pg"), 16);
        assertEquals(Path.of("/opt/pg/16/bin/pg_dump"), sixteen.pgDump());
        assertEquals(Path.of("/opt/pg/16/bin/pg_restore"), sixteen.pgRestore());
        assertEquals("postgresql-client-16", sixteen.debianPackage());
    }

    @Test
    void noArgumentEverCarriesAPassword() {
        PgConnection withParameters = PgConnection.parse("postgresql://app@db:6543/shop");
        for (String argument : fifteen.dump(withParameters)) {
            assertEquals(false, argument.toLowerCase(java.util.Locale.ROOT).contains("password="), argument);
        }
    }

    @Test
    void parsesTheVersionPgDumpPrints() {
        assertEquals(Optional.of("15.14"), PgCommands.parseVersion("pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)\n"));
        assertEquals(Optional.of("17"), PgCommands.parseVersion("pg_dump (PostgreSQL) 17"));
        assertEquals(Optional.empty(), PgCommands.parseVersion("command not found"));
    }

    @Test
    void aClientMatchesOnlyItsOwnMajor() {
        assertEquals(true, fifteen.matches("15.14"));
        assertEquals(true, fifteen.matches("15"));
        assertEquals(false, fifteen.matches("16.1"));
        assertEquals(false, fifteen.matches("150.1"));
        assertEquals(false, new PgCommands(PgCommands.DEBIAN_ROOT, 1).matches("15.1"));
    }

    @Test
    void restoreStopsAtTheFirstErrorOwnsNothingNeverPromptsAndTakesTheScratchUrl() {
        assertEquals(List.of("/usr/lib/postgresql/15/bin/pg_restore", "--exit-on-error", "--no-owner", "--no-password", "-d",
                        "postgresql://app@127.0.0.1:5432/driftless_drill_20261121030000?sslmode=disable"),
                fifteen.restore(app.withDatabase("driftless_drill_20261121030000")));
    }

    @Test
    void createdbAndDropdbGoThroughThePolicysDatabaseAndDropdbEndsSessionsLeftInIt() {
        assertEquals(List.of("/usr/lib/postgresql/15/bin/createdb", "--no-password",
                        "--maintenance-db=postgresql://app@127.0.0.1:5432/app?sslmode=disable", "driftless_drill_1"),
                fifteen.createdb(app, "driftless_drill_1"));
        assertEquals(List.of("/usr/lib/postgresql/15/bin/dropdb", "--no-password", "--if-exists", "--force",
                        "--maintenance-db=postgresql://app@127.0.0.1:5432/app?sslmode=disable", "driftless_drill_1"),
                fifteen.dropdb(app, "driftless_drill_1"));
    }
}
