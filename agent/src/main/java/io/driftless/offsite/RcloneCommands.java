package io.driftless.offsite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rclone command lines for one policy's folder on a remote; pure. Only paths go on the command line: the
 * remote's credentials stay in its config file (or the environment the caller gives the child), never in argv,
 * which {@code ps} shows to every user.
 *
 * @param folder {@code remote:path/<policy>}
 * @param config rclone's config file; empty to let rclone find its own
 */
public record RcloneCommands(String program, String folder, Optional<Path> config) {
    public RcloneCommands {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(config, "config");
    }

    /** {@code b2:} and {@code b2:acme/} take the policy's folder as they are; {@code b2:acme} gets a slash first. */
    public static RcloneCommands of(String program, String remote, String policy, Optional<Path> config) {
        String base = remote.endsWith(":") || remote.endsWith("/") ? remote : remote + "/";
        return new RcloneCommands(program, base + policy, config);
    }

    public String path(String name) {
        if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a file name in " + folder + ": " + name);
        }
        return folder + "/" + name;
    }

    public List<String> copyto(Path file, String name) {
        return argv("copyto", file.toString(), path(name));
    }

    /** {@code --download}: the remote's stored hash only says what it was told; this reads every byte back. */
    public List<String> hashsum(String name) {
        return argv("hashsum", "sha256", "--download", path(name));
    }

    public List<String> lsjson() {
        return argv("lsjson", "--files-only", folder);
    }

    public List<String> deletefile(String name) {
        return argv("deletefile", path(name));
    }

    private List<String> argv(String... command) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        config.ifPresent(file -> {
            argv.add("--config");
            argv.add(file.toString());
        });
        argv.addAll(List.of(command));
        return List.copyOf(argv);
    }
}
