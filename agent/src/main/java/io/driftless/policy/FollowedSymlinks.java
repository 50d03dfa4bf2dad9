package io.driftless.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves host paths on this machine's filesystem (the agent runs on the Docker host, so it sees the paths
 * dockerd would mount). The only part of the policy that reads the disk.
 */
public final class FollowedSymlinks implements HostPaths {
    @Override
    public String resolve(String path) {
        // A missing path is created by dockerd as a folder, so what matters is where its longest existing
        // ancestor really is: /srv/link/x with /srv/link -> /run is /run/x.
        Path existing = Path.of(path);
        StringBuilder rest = new StringBuilder();
        while (existing != null) {
            try {
                return HostPaths.normalise(existing.toRealPath().toString() + rest);
            } catch (IOException | SecurityException notThere) {
                Path name = existing.getFileName();
                rest.insert(0, "/" + (name == null ? "" : name));
                existing = existing.getParent();
            }
        }
        return path;
    }
}
