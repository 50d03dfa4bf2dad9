package io.driftless.source;

import static io.driftless.testing.Utf8.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.source.SourceException.Reason;
import io.driftless.testing.GitRemoteFixture;
import io.driftless.testing.GitSshServer;
import io.driftless.testing.Integration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching over real SSH (Apache MINA sshd running git upload-pack) with a deploy key and known_hosts. */
@Integration
class GitSourceSshTest extends GitRemoteFixture {
    private GitSshServer ssh;
    private Path deployKey;
    private Path knownHosts;

    @BeforeEach
    void setUp() throws Exception {
        deployKey = sshKeygen(tmp.resolve("keys/deploy_key"));
        ssh = GitSshServer.start(remote.bareDir().getParent(), Path.of(deployKey + ".pub"));
        knownHosts = Files.writeString(tmp.resolve("keys/known_hosts"), ssh.knownHostsLine() + "\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        ssh.close();
    }

    private GitSource source(Credentials credentials) {
        return new GitSource(new SourceConfig(ssh.urlOf(remote.bareDir().getParent(), remote.bareDir()), "main",
                ".", cache, credentials, Duration.ofSeconds(10)));
    }

    @Test
    void cloneAndFetchWithDeployKeyAndKnownHosts() throws Exception {
        String first = remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        try (GitSource source = source(new Credentials.SshKey(deployKey, knownHosts))) {
            assertEquals(first, source.fetch());
            String second = remote.commit("web 2", Map.of("driftless.yaml", "b\n"));
            assertEquals(second, source.fetch());
            assertEquals(Optional.of("b\n"), text(source.readFile(second, "driftless.yaml")));
        }
    }

    @Test
    void unknownHostKeyIsRejectedNotTrustedOnFirstUse() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        Path otherHosts = Files.writeString(tmp.resolve("keys/other_known_hosts"),
                "[127.0.0.1]:1 " + ssh.knownHostsLine().split(" ", 2)[1] + "\n");
        String before = Files.readString(otherHosts);
        try (GitSource source = source(new Credentials.SshKey(deployKey, otherHosts))) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.HOST_KEY_REJECTED, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("known_hosts"), e.getMessage());
        }
        assertEquals(before, Files.readString(otherHosts), "the unknown key was not added");
    }

    @Test
    void keyTheServerDoesNotKnowIsAnAuthenticationFailure() throws Exception {
        remote.commit("web 1", Map.of("driftless.yaml", "a\n"));
        Path stranger = sshKeygen(tmp.resolve("keys/stranger_key"));
        try (GitSource source = source(new Credentials.SshKey(stranger, knownHosts))) {
            SourceException e = assertThrows(SourceException.class, source::fetch);
            assertEquals(Reason.AUTHENTICATION_FAILED, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("deploy key"), e.getMessage());
        }
    }

    private static Path sshKeygen(Path key) throws Exception {
        Files.createDirectories(key.getParent());
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "test",
                "-f", key.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "ssh-keygen failed: " + output);
        return key;
    }
}
