package io.driftless.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What Docker itself takes, without the agent: plain Engine API calls through {@code curl --unix-socket}, so a
 * benchmark can tell Docker's share of a step from the agent's on a machine whose load makes dockerd slow.
 */
final class DockerFloor {
    static final String SOCKET = "/var/run/docker.sock";

    private DockerFloor() {
    }

    /** POST /containers/create then /start of {@code image} as {@code name}; the time of both; the container is removed. */
    static Duration createAndStart(String image, String name) {
        long started = System.nanoTime();
        String created = curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"Image\":\"" + image + "\"}",
                "http://docker/containers/create?name=" + name);
        String id = created.replaceAll("(?s).*\"Id\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
        if (id.equals(created)) {
            throw new IllegalStateException("docker create " + image + " answered: " + created);
        }
        try {
            curl("-X", "POST", "http://docker/containers/" + id + "/start");
            return Duration.ofNanos(System.nanoTime() - started);
        } finally {
            curl("-X", "DELETE", "http://docker/containers/" + id + "?force=true");
        }
    }

    private static String curl(String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body", "--unix-socket", SOCKET));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run curl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
