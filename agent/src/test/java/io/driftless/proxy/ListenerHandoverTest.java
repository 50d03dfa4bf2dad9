package io.driftless.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListenerHandoverTest {
    @TempDir
    Path dir;

    @Test
    void handedOverConnectionsNeedNoWarning() throws IOException {
        assertEquals(Optional.empty(), ListenerHandover.warning(Files.writeString(dir.resolve("on"), "1\n")));
    }

    @Test
    void theDefaultOfZeroIsExplainedWithTheFix() throws IOException {
        String warning = ListenerHandover.warning(Files.writeString(dir.resolve("off"), "0\n")).orElseThrow();

        assertTrue(warning.startsWith("net.ipv4.tcp_migrate_req is 0: every route switch reloads Caddy"), warning);
        assertTrue(warning.contains("sysctl -w net.ipv4.tcp_migrate_req=1"), warning);
        assertTrue(warning.contains("/etc/sysctl.d/"), warning);
    }

    @Test
    void aKernelWithoutTheSettingIsNamed() {
        String warning = ListenerHandover.warning(dir.resolve("absent")).orElseThrow();

        assertTrue(warning.contains("Linux 5.14"), warning);
    }

    @Test
    void anUnreadableSettingIsNotTakenForOn() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder"));

        String warning = ListenerHandover.warning(folder).orElseThrow();

        assertTrue(warning.startsWith("cannot read " + folder), warning);
    }
}
