package io.driftless;

import io.driftless.backup.OffsiteStore;
import io.driftless.backup.OffsiteStores;
import io.driftless.desired.Backup;
import io.driftless.offsite.DirOffsiteStore;
import io.driftless.offsite.RcloneCommands;
import io.driftless.offsite.RcloneOffsiteStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A policy's folder offsite: {@code <dir>/<policy>} on another mount, or {@code <remote>/<policy>} through Debian's
 * rclone, which reads its remotes from {@code --rclone-config} (else rclone's own default) and gets the agent's
 * {@code RCLONE_*} variables (such as {@code RCLONE_CONFIG_PASS}) and nothing else of its environment's secrets.
 */
record Offsites(Optional<Path> rcloneConfig, Map<String, String> environment, Duration timeout) implements OffsiteStores {
    Offsites {
        environment = environment.entrySet().stream().filter(e -> e.getKey().startsWith("RCLONE_"))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public OffsiteStore of(String policy, Backup.Offsite offsite) {
        return switch (offsite) {
            case Backup.Dir dir -> new DirOffsiteStore(Path.of(dir.path()).resolve(policy));
            case Backup.Rclone rclone -> new RcloneOffsiteStore(RcloneCommands.of("rclone", rclone.remote(), policy, rcloneConfig),
                    environment, timeout);
        };
    }
}
