package io.driftless.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Two clients to the same daemon. The response timeout is a socket read timeout, and a stop waits silently
 * for its whole grace period, so stops and pulls get a patient client while every other call gets one that
 * gives up on a wedged daemon within a minute.
 *
 * <p>The API version is left unset on purpose: docker-java then speaks the daemon's own, while pinning a
 * newer one fails with "client version is too new" on older engines (STACK.md).
 */
record DockerClients(DockerClient quick, DockerClient patient) implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration QUICK_TIMEOUT = Duration.ofSeconds(60);
    /** Longer than any stop grace the agent allows ({@link ContainerCommands#MAX_GRACE}) or pull timeout. */
    static final Duration PATIENT_TIMEOUT = Duration.ofMinutes(15);

    static DockerClients open(URI host) {
        return new DockerClients(client(host, QUICK_TIMEOUT), client(host, PATIENT_TIMEOUT));
    }

    private static DockerClient client(URI host, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.toString())
                .build();
        var http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public void close() {
        for (DockerClient client : new DockerClient[] {quick, patient}) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing idle sockets: nothing an operator could act on
            }
        }
    }
}
