package io.driftless.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the kernel hands connections over from a closing listener to its successor.
 *
 * <p>Every route switch is a Caddy config load, and Caddy (2.6 and later, on Linux) opens each new config's
 * listener with {@code SO_REUSEPORT} beside the old one, then closes the old one. Linux ties a connection to one
 * listener at its first SYN: with {@code net.ipv4.tcp_migrate_req=0} (the default) the connections still in the
 * closing listener's queue are reset, so a few clients that connect at the instant of a switch see
 * "connection reset by peer". With 1 (Linux 5.14 and later) the kernel moves them to the new listener and none
 * is lost. Measured with Caddy 2.6.2 ({@code scripts/bench.sh caddy-reload --both --reloads 200 --rate 600}): six
 * clients opening a fresh connection per request, 600 requests/s in all, 200 route switches: 11 of 253,162
 * requests reset with the setting off, 0 of 253,058 with it on.
 *
 * <p>The setting belongs to the network namespace Caddy listens in: the host's for a packaged Caddy, the
 * container's for a containerized one ({@code docker run --sysctl net.ipv4.tcp_migrate_req=1}).
 */
public final class ListenerHandover {
    /** Where the agent reads the setting: its own network namespace, which is Caddy's when both run on the host. */
    public static final Path SETTING = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    private ListenerHandover() {
    }

    /** What the setting at {@code file} says, as a warning for the operator; empty when connections are handed over. */
    public static Optional<String> warning(Path file) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.of("this kernel has no net.ipv4.tcp_migrate_req (it came with Linux 5.14): every route switch "
                    + "reloads Caddy, and a client connecting at that instant may be reset; a kernel >= 5.14 with "
                    + "net.ipv4.tcp_migrate_req=1 loses none");
        } catch (IOException e) {
            return Optional.of("cannot read " + file + " (" + e.getMessage() + "): cannot tell whether the kernel hands "
                    + "connections over when Caddy reloads; make sure net.ipv4.tcp_migrate_req=1");
        }
        if (value.equals("1")) {
            return Optional.empty();
        }
        return Optional.of("net.ipv4.tcp_migrate_req is " + (value.isEmpty() ? "empty" : value)
                + ": every route switch reloads Caddy, and Linux resets connections still queued on the listener Caddy "
                + "closes (measured: 11 resets in 200 switches at 600 new connections/s). Fix, as root: "
                + "sysctl -w net.ipv4.tcp_migrate_req=1, and keep it with "
                + "echo net.ipv4.tcp_migrate_req=1 > /etc/sysctl.d/60-driftless.conf (in Caddy's network namespace, "
                + "if Caddy runs in a container)");
    }
}
