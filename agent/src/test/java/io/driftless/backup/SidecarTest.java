package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SidecarTest {
    @Test
    void writesEveryFactInAFixedOrder() {
        Sidecar sidecar = new Sidecar("app", "app-20261121T030000Z.dump", Instant.parse("2026-11-21T03:00:00Z"), 2048,
                "ab12", "15.14 (Debian 15.14-0+deb12u1)", "15.14", Duration.ofMillis(1250),
                List.of(new PgServer.TableEstimate("public", "orders", 1000), new PgServer.TableEstimate("shop", "a\"b", 0)),
                "0123abcd");
        assertEquals("""
                {
                  "name": "app",
                  "file": "app-20261121T030000Z.dump",
                  "at": "2026-11-21T03:00:00Z",
                  "size": 2048,
                  "sha256": "ab12",
                  "serverVersion": "15.14 (Debian 15.14-0+deb12u1)",
                  "clientVersion": "15.14",
                  "durationMillis": 1250,
                  "policyCommit": "0123abcd",
                  "tables": [
                    {"schema": "public", "name": "orders", "rows": 1000},
                    {"schema": "shop", "name": "a\\"b", "rows": 0}
                  ]
                }
                """, sidecar.json());
    }

    @Test
    void aDatabaseWithoutTablesHasAnEmptyList() {
        Sidecar sidecar = new Sidecar("app", "f", Instant.EPOCH, 1, "s", "15", "15", Duration.ZERO, List.of(), "c");
        assertEquals(true, sidecar.json().endsWith("\"tables\": []\n}\n"));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("\"a\\nb\\u0001\\\\\"", Sidecar.quote("a\nb\u0001\\"));
    }
}
