package io.driftless.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The demo app images of {@code scripts/app-images.sh}, built on demand. Tag grammar:
 * {@code v<N>[-unhealthy|-nohealth|-slow<S>|-boot<S>|-crash|-worker]} (see the script's header).
 */
public final class AppImages {
    public static final String REPO = "driftless-demo/app";
    private static final String SCRIPT = "scripts/app-images.sh";
    private static final Set<String> ENSURED = ConcurrentHashMap.newKeySet();

    private AppImages() {
    }

    /** {@code driftless-demo/app:<tag>}. */
    public static String ref(String tag) {
        return REPO + ":" + tag;
    }

    /** Builds the images that are missing (the script keeps existing tags); fails the test with its output. */
    public static void ensure(String... tags) {
        Components.require("dockerd (to build the demo app images)");
        List<String> missing = new ArrayList<>();
        for (String tag : tags) {
            if (!ENSURED.contains(tag)) {
                missing.add(tag);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        runScript(SCRIPT, missing);
        ENSURED.addAll(missing);
    }

    /** Runs one of the project's image scripts with {@code arguments}; fails the test with its output. */
    static void runScript(String script, List<String> arguments) {
        Path root = projectRoot();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve(script).toString()));
        command.addAll(arguments);
        String named = String.join(" ", command.subList(1, command.size())).replace(root + "/", "");
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(named + " did not finish within 2 minutes:\n" + output);
            }
            if (process.exitValue() != 0) {
                fail(named + " failed (exit " + process.exitValue() + "):\n" + output);
            }
        } catch (IOException e) {
            fail("could not run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while running " + script);
        }
    }

    /** {@code driftless.projectRoot} (set by surefire), else the first parent of the working dir holding the script. */
    public static Path projectRoot() {
        String configured = System.getProperty("driftless.projectRoot");
        if (configured != null && Files.isRegularFile(Path.of(configured, SCRIPT))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        fail("cannot find " + SCRIPT + ": set -Ddriftless.projectRoot to the project root");
        throw new AssertionError("unreachable");
    }
}
