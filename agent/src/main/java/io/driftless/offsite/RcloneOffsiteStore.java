package io.driftless.offsite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.backup.OffsiteStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A policy's folder on an rclone remote. rclone's {@code copyto} uploads to a temp name and renames where the
 * backend can, and checks size and hash itself; the agent's own read-back comes on top, through {@link #sha256}.
 *
 * @param env added to the child's environment, e.g. {@code RCLONE_CONFIG_PASS} from the caller; never logged
 */
public record RcloneOffsiteStore(RcloneCommands commands, Map<String, String> env, Duration timeout) implements OffsiteStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RcloneOffsiteStore {
        env = Map.copyOf(env);
    }

    @Override
    public String put(Path file, String name) throws IOException {
        run(commands.copyto(file, name));
        return commands.path(name);
    }

    @Override
    public String sha256(String name) throws IOException {
        String out = run(commands.hashsum(name)).stdout().strip();
        String hash = out.split("\\s+", 2)[0];
        if (!hash.matches("[0-9a-fA-F]{64}")) {
            throw new IOException("rclone hashsum printed no sha256 for " + commands.path(name) + ": " + out);
        }
        return hash.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public List<String> list() throws IOException {
        List<String> argv = commands.lsjson();
        RcloneRun run = RcloneRun.of(argv, env, timeout);
        if (!run.timedOut() && run.exit() == RcloneRun.DIRECTORY_NOT_FOUND) {
            return List.of();
        }
        return names(run.orThrow(argv, timeout).stdout());
    }

    @Override
    public void delete(String name) throws IOException {
        run(commands.deletefile(name));
    }

    /** The file names in {@code rclone lsjson}'s array; pure. */
    static List<String> names(String lsjson) throws IOException {
        JsonNode array = JSON.readTree(lsjson);
        if (array == null || !array.isArray()) {
            throw new IOException("rclone lsjson printed no JSON array: " + lsjson.strip());
        }
        List<String> names = new ArrayList<>();
        for (JsonNode entry : array) {
            if (!entry.path("IsDir").asBoolean(false) && entry.hasNonNull("Name")) {
                names.add(entry.get("Name").asText());
            }
        }
        return names.stream().sorted().toList();
    }

    private RcloneRun run(List<String> argv) throws IOException {
        return RcloneRun.of(argv, env, timeout).orThrow(argv, timeout);
    }
}
