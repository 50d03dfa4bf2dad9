package io.driftless.testing;

import io.driftless.proxy.ListenerHandover;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real Caddy ({@code /usr/bin/caddy}) for one test: admin API on a free loopback port, config and data
 * dirs under {@code agent/target/caddy/<unique>/} (never next to a Caddyfile), log in that dir. Killed on
 * {@link #close()} and, should the test JVM die first, by a shutdown hook.
 */
public final class CaddyProcess implements AutoCloseable {
    public static final Path CADDY = Path.of("/usr/bin/caddy");
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path dir;
    private final Path bootConfig;
    private final Path log;
    private final int adminPort;
    private final Thread killOnExit;
    private Process process;

    private CaddyProcess(Path dir, int adminPort) throws IOException {
        this.dir = dir;
        this.adminPort = adminPort;
        this.bootConfig = dir.resolve("boot.json");
        this.log = dir.resolve("caddy.log");
        Files.writeString(bootConfig, "{\"admin\": {\"listen\": \"127.0.0.1:" + adminPort + "\"}}\n");
        this.killOnExit = new Thread(this::kill, "kill-caddy-" + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts Caddy with an admin-only config and waits until its admin API answers. Tests count failed requests
     * through it, which only means something on a host that hands connections over when Caddy reloads (see
     * {@link ListenerHandover}): on any other host this fails, naming the fix.
     */
    public static CaddyProcess start(String testName) {
        ListenerHandover.warning(ListenerHandover.SETTING).ifPresent(warning -> {
            throw new IllegalStateException("this host is not set up as the README says: " + warning
                    + "; scripts/components.sh does it");
        });
        return startOnAnyHost(testName);
    }

    /** As {@link #start}, whatever the kernel does with connections at a reload: for the benchmark that measures it. */
    public static CaddyProcess startOnAnyHost(String testName) {
        Components.require("Caddy");
        if (!Files.isExecutable(CADDY)) {
            throw new IllegalStateException("Caddy is not installed at " + CADDY
                    + ": this test needs a real Caddy 2.6; run scripts/components.sh (installs Debian's caddy)");
        }
        try {
            Path dir = targetDir().resolve("caddy")
                    .resolve(testName + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet())
                    .toAbsolutePath();
            Files.createDirectories(dir);
            CaddyProcess caddy = new CaddyProcess(dir, freePort());
            caddy.launch();
            return caddy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Caddy: " + e.getMessage(), e);
        }
    }

    public URI adminUri() {
        return URI.create("http://127.0.0.1:" + adminPort);
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return log;
    }

    /** A loopback port nobody listens on right now, for Caddy listeners and upstreams. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** Kills Caddy and starts it again from the boot config, so it has lost every route (a host reboot). */
    public void restart() {
        kill();
        try {
            launch();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart Caddy: " + e.getMessage(), e);
        }
    }

    public void stop() {
        kill();
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException jvmAlreadyExiting) {
            // the hook runs anyway
        }
    }

    /** The last lines of Caddy's log, for assertion messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(CADDY.toString(), "run", "--config", bootConfig.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        process = builder.start();
        awaitAdmin();
    }

    private void awaitAdmin() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Caddy exited with " + process.exitValue() + " at start-up; log "
                        + log + ":\n" + logTail());
            }
            if (adminAnswers()) {
                return;
            }
            sleep(50);
        }
        kill();
        throw new IllegalStateException("Caddy's admin API did not open 127.0.0.1:" + adminPort + " within 15 s; log "
                + log + ":\n" + logTail());
    }

    private boolean adminAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), adminPort), 200);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(("GET /config/ HTTP/1.1\r\nHost: 127.0.0.1:" + adminPort
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return answer.startsWith("HTTP/1.1 200");
        } catch (IOException notYet) {
            return false;
        }
    }

    private synchronized void kill() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroyForcibly();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Caddy (pid " + p.pid() + ") did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path targetDir() {
        String root = System.getProperty("driftless.projectRoot");
        return root == null ? Path.of("target") : Path.of(root, "agent", "target");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Caddy", e);
        }
    }
}
