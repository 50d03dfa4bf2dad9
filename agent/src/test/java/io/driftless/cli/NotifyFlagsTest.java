package io.driftless.cli;

import io.driftless.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --notify} is repeatable and reads several URLs from DRIFTLESS_NOTIFY or the config file. No Docker needed. */
class NotifyFlagsTest {
    static final String A = "https://discord.com/api/webhooks/1/token-a";
    static final String B = "https://alerts.example.net/hook?x=1";

    @TempDir
    Path dir;

    AgentOptions parse(Map<String, String> env, Path config, String... args) {
        picocli.CommandLine cli = new picocli.CommandLine(new ReconcileCommand(null)); // parsed, never called
        cli.setDefaultValueProvider(new EnvironmentDefaults(env, config));
        String[] all = new String[args.length + 2];
        all[0] = "--repo";
        all[1] = "file:///r.git";
        System.arraycopy(args, 0, all, 2, args.length);
        cli.parseArgs(all);
        return ((ReconcileCommand) cli.getCommand()).options;
    }

    @Test
    void theFlagRepeats() {
        assertEquals(List.of(A, B), parse(Map.of(), null, "--notify", A, "--notify", B).notify);
    }

    @Test
    void theEnvironmentHoldsSeveralUrlsSplitAtCommasAndSpaces() {
        assertEquals(List.of(A, B), parse(Map.of("DRIFTLESS_NOTIFY", A + ", " + B), null).notify);
        assertEquals(List.of(A, B), parse(Map.of("DRIFTLESS_NOTIFY", A + " " + B), null).notify);
    }

    @Test
    void theConfigFileHoldsThemTooAndAFlagWins() throws Exception {
        Path config = Files.writeString(dir.resolve("driftless.conf"), "notify = " + A + "," + B + "\n"
                + "notify-source-down-after = 15m\n");
        AgentOptions fromFile = parse(Map.of(), config);
        assertEquals(List.of(A, B), fromFile.notify);
        assertEquals(java.time.Duration.ofMinutes(15), fromFile.notifySourceDownAfter);
        assertEquals(List.of(B), parse(Map.of("DRIFTLESS_NOTIFY", A), config, "--notify", B).notify);
        assertEquals(List.of(), parse(Map.of(), null).notify);
        assertEquals(java.time.Duration.ofMinutes(10), parse(Map.of(), null).notifySourceDownAfter);
    }

    @Test
    void aMissingSecretFileOrANonHttpUrlIsExit2WithoutEchoingTheUrl() {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("notify.secret");
        int exit = Main.execute(new String[]{"reconcile", "--repo", "file:///nowhere", "--state-dir", dir.resolve("s").toString(),
                "--notify", B, "--notify-secret-file", missing.toString()}, Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, exit);
        assertTrue(err.toString().contains("--notify-secret-file " + missing + " does not exist"), err.toString());

        StringWriter err2 = new StringWriter();
        exit = Main.execute(new String[]{"reconcile", "--repo", "file:///nowhere", "--state-dir", dir.resolve("s").toString()},
                Map.of("DRIFTLESS_NOTIFY", "ftp://files.example.net/s3cr3t"), new PrintWriter(new StringWriter()), new PrintWriter(err2));
        assertEquals(2, exit);
        assertTrue(err2.toString().contains("--notify: a URL to files.example.net is not an http:// or https:// URL"), err2.toString());
        assertFalse(err2.toString().contains("s3cr3t"), err2.toString());
    }
}
