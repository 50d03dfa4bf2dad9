package io.driftless.policy;

import io.driftless.desired.ManifestParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host paths resolved on this machine's filesystem, as dockerd would mount them. */
class FollowedSymlinksTest {
    @TempDir
    Path dir;

    @Test
    void symlinksAreFollowedAndAMissingRestIsKept() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("file"), "x");
        Files.createSymbolicLink(dir.resolve("link"), real);
        String realDir = real.toRealPath().toString();

        assertEquals(realDir + "/file", new FollowedSymlinks().resolve(dir.resolve("link/file").toString()));
        assertEquals(realDir + "/not/yet", new FollowedSymlinks().resolve(dir.resolve("link/not/yet").toString()),
                "dockerd creates a missing path inside the folder the link points to");
    }

    @Test
    void aSymlinkToTheDockerSocketOnThisHostIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("ctl"), Path.of("/var/run/docker.sock"));
        HostPolicy policy = new HostPolicy(new Allowances(false, false, false, java.util.Set.of(), java.util.Set.of(),
                java.util.List.of(dir.toRealPath().toString()), false), new FollowedSymlinks());

        var violations = policy.violations(ManifestParser.parse("driftless.yaml",
                "version: 1\nservices:\n  job:\n    image: acme/job:1\n    volumes: [\"" + link + ":/ctl\"]\n"));

        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("the Docker socket, which gives the container root on the host"), violations::toString);
    }
}
