package io.driftless.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/** Runs a command-line program for a test and fails the test, with its output, when the program fails. */
public final class Programs {
    private static final long TIMEOUT_SECONDS = 120;

    private Programs() {}

    /** Runs {@code builder} to its end (at most two minutes); its standard output. */
    public static String run(ProcessBuilder builder, String what) {
        Components.require("the " + builder.command().getFirst() + " program");
        File errors = null;
        Process process = null;
        try {
            errors = File.createTempFile("program", ".err");
            process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.to(errors)).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(what + " did not finish within " + TIMEOUT_SECONDS + "s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(what + " exited " + process.exitValue() + ": " + out
                        + Files.readString(errors.toPath()));
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + what, e);
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            if (errors != null) {
                errors.delete();
            }
        }
    }
}
