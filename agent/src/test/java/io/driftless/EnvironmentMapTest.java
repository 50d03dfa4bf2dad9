package io.driftless;

import io.driftless.cli.AgentOptions;
import io.driftless.docker.DockerSettings;
import io.driftless.source.Credentials;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Every setting and secret the agent reads from the environment comes from the map given to {@link Main#execute},
 * never from the process's own environment (see also CommandLineTest and RunFlagsTest for the commands).
 */
class EnvironmentMapTest {
    @Test
    void aGitTokenGivenOnlyInTheMapIsTheOneUsed() throws Exception {
        AgentOptions options = new AgentOptions();
        options.repo = "https://git.example.com/acme/deploy.git";
        options.gitUsername = "x-access-token";

        Credentials credentials = Agent.credentials(options, Map.of("DRIFTLESS_GIT_TOKEN", "s3cret\n"));

        Credentials.HttpsToken token = assertInstanceOf(Credentials.HttpsToken.class, credentials);
        assertArrayEquals("s3cret".toCharArray(), token.token());
        assertEquals("x-access-token", token.username());
        assertInstanceOf(Credentials.None.class, Agent.credentials(options, Map.of()), "no token in the map: none");
    }

    @Test
    void theDockerDaemonComesFromTheMap() {
        assertEquals(URI.create("tcp://127.0.0.1:2375"),
                DockerSettings.forInstance("driftless", Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")).host());
        assertEquals(DockerSettings.DEFAULT_HOST, DockerSettings.forInstance("driftless", Map.of()).host());
    }
}
