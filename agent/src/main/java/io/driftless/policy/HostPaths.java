package io.driftless.policy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How the host resolves a host path, so a volume cannot reach the Docker socket or leave the allowed folders
 * through {@code ..} or a symlink. {@link #AS_WRITTEN} only normalises the text (pure, for tests and for a
 * policy that must not look at the disk); {@link FollowedSymlinks} also follows the host's symlinks.
 */
@FunctionalInterface
public interface HostPaths {
    HostPaths AS_WRITTEN = path -> path;

    /**
     * @param path an absolute path already {@link #normalise}d
     * @return the path with symlinks followed as far as they exist on the host (or {@code path} itself)
     */
    String resolve(String path);

    /**
     * The absolute path the kernel would use for {@code path}: {@code .}, empty parts and {@code ..} removed, and
     * {@code ..} at the root stays at the root ({@code /../etc} is {@code /etc}), which {@link java.nio.file.Path}'s
     * normalize does not do.
     */
    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** {@code path} is {@code folder} or inside it (both normalised). */
    static boolean within(String path, String folder) {
        return path.equals(folder) || folder.equals("/") || path.startsWith(folder + "/");
    }
}
