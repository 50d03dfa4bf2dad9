package io.driftless.backup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SidecarReaderTest {
    @Test
    void readsBackEveryFactASidecarWrote() {
        Sidecar sidecar = new Sidecar("app", "app-20261121T030000Z.dump", Instant.parse("2026-11-21T03:00:00Z"), 2048,
                "ab12", "15.14 (Debian 15.14-0+deb12u1)", "15.14", Duration.ofMillis(1250),
                List.of(new PgServer.TableEstimate("public", "orders", 1000), new PgServer.TableEstimate("shop", "a\"b\\\n\u0001é", 0)),
                "0123abcd");

        assertEquals(sidecar, SidecarReader.parse(sidecar.json()));
    }

    @Test
    void readsBackASidecarWithoutTables() {
        Sidecar sidecar = new Sidecar("app", "f", Instant.EPOCH, 1, "s", "15", "15", Duration.ZERO, List.of(), "c");

        assertEquals(sidecar, SidecarReader.parse(sidecar.json()));
    }

    @Test
    void refusesWhatIsNotASidecarWithASentence() {
        String whole = new Sidecar("app", "f", Instant.EPOCH, 1, "s", "15", "15", Duration.ZERO, List.of(), "c").json();

        assertEquals("the sidecar is not the JSON a backup writes: the end of the text at character 40",
                assertThrows(IllegalArgumentException.class, () -> SidecarReader.parse(whole.substring(0, 40))).getMessage());
        assertEquals("the sidecar has no \"sha256\"", assertThrows(IllegalArgumentException.class,
                () -> SidecarReader.parse(whole.replace("\"sha256\"", "\"sha1\""))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SidecarReader.parse(whole.replace("\"size\": 1", "\"size\": \"1\"")));
        assertThrows(IllegalArgumentException.class, () -> SidecarReader.parse("[]"));
        assertThrows(IllegalArgumentException.class, () -> SidecarReader.parse(whole + "{}"));
    }
}
