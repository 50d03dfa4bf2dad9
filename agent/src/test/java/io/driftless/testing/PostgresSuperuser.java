package io.driftless.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The host's PostgreSQL as its superuser, for tests that make and drop their own roles and databases. */
public final class PostgresSuperuser {
    private PostgresSuperuser() {
    }

    /** Through the local socket as the postgres user (peer authentication), the SQL on stdin so no shell quotes it. */
    public static void run(String sql) {
        try {
            Process process = new ProcessBuilder("su", "postgres", "-c", "psql -X -q -v ON_ERROR_STOP=1 -d postgres")
                    .redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write((sql + ";\n").getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("psql as postgres failed on " + sql + ": " + out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run psql as postgres: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
