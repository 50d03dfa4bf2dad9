package io.driftless.pgclient;

import io.driftless.testing.ScratchDatabase;

import io.driftless.testing.Integration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** {@code PgServer.schemaFingerprint} on the host's PostgreSQL: what a migration changes, and what a write does not. */
@Integration
class SchemaFingerprintIntegrationTest {
    private final JdbcPgServer server = new JdbcPgServer();

    @Test
    void writesLeaveItAsItIsAndMigrationsChangeIt() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create("fp_", "")) {
            db.sql(db.role, "create table users (id serial primary key, name text not null default 'x')",
                    "create index users_name on users (name)", "create type mood as enum ('calm', 'busy')",
                    "create view names as select name from users", "create table flyway_schema_history (version int, script text)",
                    "insert into flyway_schema_history values (1, 'V1__init.sql')");
            String first = fingerprint(db);

            db.sql(db.role, "insert into users (name) values ('a'), ('b')", "analyze users");
            assertEquals(first, fingerprint(db), "rows and statistics are not the schema");

            db.sql(db.role, "insert into flyway_schema_history values (2, 'V2__data.sql')");
            String recorded = fingerprint(db);
            assertNotEquals(first, recorded, "a migration that only records itself still moves the schema on");

            db.sql(db.role, "alter table users add column email text");
            String altered = fingerprint(db);
            assertNotEquals(recorded, altered, "a new column");

            db.sql(db.role, "alter type mood add value 'away'");
            assertNotEquals(altered, fingerprint(db), "a new enum label");
        }
    }

    private String fingerprint(ScratchDatabase db) throws Exception {
        return server.schemaFingerprint(db.connection(), db.password);
    }
}
