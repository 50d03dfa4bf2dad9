package io.driftless.backup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PgConnectionTest {
    @Test
    void readsUserHostPortAndDatabase() {
        assertEquals(new PgConnection("postgresql://app@127.0.0.1:5433/shop", "127.0.0.1", 5433, "shop", "app"),
                PgConnection.parse("postgresql://app@127.0.0.1:5433/shop"));
    }

    @Test
    void aMissingPortIs5432AndAMissingDatabaseIsTheUsersAsLibpqHasIt() {
        PgConnection c = PgConnection.parse("postgres://app@db.internal");
        assertEquals(5432, c.port());
        assertEquals("app", c.database());
        assertEquals("db.internal", c.host());
    }

    @Test
    void anIpv6HostLosesItsBrackets() {
        assertEquals("::1", PgConnection.parse("postgresql://app@[::1]:5432/app").host());
    }

    @Test
    void refusesAUrlWithoutUserOrWithAPassword() {
        assertThrows(IllegalArgumentException.class, () -> PgConnection.parse("postgresql://127.0.0.1/app"));
        assertThrows(IllegalArgumentException.class, () -> PgConnection.parse("postgresql://app:secret@127.0.0.1/app"));
        assertThrows(IllegalArgumentException.class, () -> PgConnection.parse("mysql://app@127.0.0.1/app"));
    }

    @Test
    void anotherDatabaseKeepsServerUserAndParameters() {
        assertEquals(new PgConnection("postgresql://app@[::1]:5433/driftless_drill_1?sslmode=require", "::1", 5433,
                        "driftless_drill_1", "app"),
                PgConnection.parse("postgresql://app@[::1]:5433/shop?sslmode=require").withDatabase("driftless_drill_1"));
        assertEquals("postgres://app@db.internal/scratch", PgConnection.parse("postgres://app@db.internal").withDatabase("scratch").url());
    }

    @Test
    void aLocalSocketIsAUrlWithNoAuthorityAndAnotherDatabaseKeepsItSo() {
        PgConnection socket = PgConnection.socket("/var/run/postgresql", "app db", "app");

        assertEquals(new PgConnection("postgresql:///app%20db?user=app&host=%2Fvar%2Frun%2Fpostgresql", "/var/run/postgresql",
                5432, "app db", "app"), socket);
        assertEquals(new PgConnection("postgresql:///driftless_drill_1?user=app&host=%2Fvar%2Frun%2Fpostgresql",
                "/var/run/postgresql", 5432, "driftless_drill_1", "app"), socket.withDatabase("driftless_drill_1"));
    }
}
