package io.driftless.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerFailuresTest {
    @Test
    void daemonMessageIsTakenOutOfTheRawAnswer() {
        var e = new NotFoundException("{\"message\":\"No such container: abc\"}\n");
        assertEquals("No such container: abc", DockerFailures.reason(e));
    }

    @Test
    void multiLineDaemonMessagesBecomeOneLine() {
        var e = new InternalServerErrorException("{\"message\":\"Get \\\"https://registry.example.com/v2/\\\":\\n dial tcp: no such host\"}");
        assertEquals("Get \"https://registry.example.com/v2/\": dial tcp: no such host", DockerFailures.reason(e));
    }

    @Test
    void answerThatIsNotJsonIsKeptWithoutTheStatusPrefix() {
        var e = new ConflictException("removal of container x is already in progress");
        assertEquals("removal of container x is already in progress", DockerFailures.reason(e));
    }

    @Test
    void veryLongReasonsAreCut() {
        String reason = DockerFailures.reason(new RuntimeException("x".repeat(1000)));
        assertEquals(240, reason.length());
        assertTrue(reason.endsWith("…"));
    }

    @Test
    void refusedConnectionMeansTheDaemonIsUnreachable() {
        var e = new RuntimeException(new ConnectException("Connection refused"));
        assertTrue(DockerFailures.unreachable(e));
        assertTrue(DockerFailures.unreachable(new UncheckedIOException(new IOException("No such file or directory"))));
    }

    @Test
    void answeredRefusalIsNotUnreachable() {
        assertFalse(DockerFailures.unreachable(new NotFoundException("{\"message\":\"No such image: x\"}")));
    }

    @org.junit.jupiter.api.Test
    void aDaemonThatIsStoppingIsATransientFailure() {
        org.junit.jupiter.api.Assertions.assertTrue(DockerFailures.daemonStopping(
                "starting container x: grpc: the client connection is closing: context canceled"));
        org.junit.jupiter.api.Assertions.assertFalse(DockerFailures.daemonStopping(
                "OCI runtime create failed: exec: \"/app/serve\": stat /app/serve: no such file or directory"));
    }
}
