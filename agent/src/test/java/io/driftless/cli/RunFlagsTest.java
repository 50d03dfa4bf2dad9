package io.driftless.cli;

import io.driftless.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run}'s HTTP flags fail early and clearly, before anything is locked or started. No Docker needed. */
class RunFlagsTest {
    @TempDir
    Path dir;

    String[] run(String... extra) {
        String[] base = {"run", "--repo", "file:///nowhere", "--state-dir", dir.resolve("state").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return args;
    }

    @Test
    void aMissingWebhookSecretFileIsExit2NamingTheFlagAndTheFile() {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("webhook.secret");

        int exit = Main.execute(run("--webhook-secret-file", missing.toString()), Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--webhook-secret-file " + missing + " does not exist"), err.toString());
        assertFalse(Files.exists(dir.resolve("state")), "nothing was started or locked");
    }

    @Test
    void anEmptyReconcileTokenFileIsExit2() throws Exception {
        StringWriter err = new StringWriter();
        Path empty = Files.writeString(dir.resolve("token"), "\n");

        int exit = Main.execute(run("--reconcile-token-file", empty.toString()), Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--reconcile-token-file " + empty + " is empty"), err.toString());
    }

    @Test
    void aWebhookSecretGivenOnlyInTheEnvironmentMapIsRead() {
        StringWriter err = new StringWriter();

        int exit = Main.execute(run(), Map.of("DRIFTLESS_WEBHOOK_SECRET", "  "), new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertEquals(2, exit);
        assertTrue(err.toString().contains("the environment variable DRIFTLESS_WEBHOOK_SECRET is empty"), err.toString());
        assertFalse(Files.exists(dir.resolve("state")), "nothing was started or locked");
    }

    @Test
    void aMalformedListenAddressIsExit2() {
        StringWriter err = new StringWriter();

        int exit = Main.execute(run("--listen", "7878"), Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--listen '7878' must look like 127.0.0.1:7878"), err.toString());
        assertFalse(Files.exists(dir.resolve("state")), "nothing was started or locked");
    }
}
