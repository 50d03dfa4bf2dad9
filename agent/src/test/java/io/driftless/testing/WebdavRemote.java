package io.driftless.testing;


import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real rclone remote for tests: {@code rclone serve webdav} of a temp folder on a free loopback port, and an
 * rclone.conf naming it {@code offsite:}. Close it in a finally.
 */
public final class WebdavRemote implements AutoCloseable {
    public final Path served;
    public final Path config;
    private final Process server;

    private WebdavRemote(Path served, Path config, Process server) {
        this.served = served;
        this.config = config;
        this.server = server;
    }

    public static WebdavRemote start(Path dir) throws IOException, InterruptedException {
        Components.require("rclone");
        Path served = Files.createDirectories(dir.resolve("served"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path config = dir.resolve("rclone.conf");
        Files.writeString(config, "[offsite]\ntype = webdav\nurl = http://127.0.0.1:" + port + "\nvendor = other\n");
        Process server = new ProcessBuilder("rclone", "--config", "/dev/null", "serve", "webdav", "--addr", "127.0.0.1:" + port,
                served.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
        WebdavRemote remote = new WebdavRemote(served, config, server);
        try {
            remote.awaitListening(port, dir.resolve("serve.log"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            remote.close();
            throw e;
        }
        return remote;
    }

    /** Waits on the server's own readiness, not on a clock: up to 300 tries of a connect. */
    private void awaitListening(int port, Path log) throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (!server.isAlive()) {
                throw new IOException("rclone serve webdav exited " + server.exitValue() + ": " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("rclone serve webdav did not listen on 127.0.0.1:" + port + ": " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }
}
