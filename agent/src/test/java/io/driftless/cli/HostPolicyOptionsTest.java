package io.driftless.cli;

import io.driftless.Agent;
import io.driftless.policy.Allowances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.driftless.cli.CommandLineTest.driftless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host policy's --allow-* flags: from flags, the environment and the config file, like every flag. */
class HostPolicyOptionsTest {
    @TempDir
    Path dir;

    private Allowances parse(Map<String, String> env, Path config, String... args) {
        picocli.CommandLine cli = new picocli.CommandLine(new ReconcileCommand(null)); // parsed, never called
        cli.setDefaultValueProvider(new EnvironmentDefaults(env, config));
        cli.parseArgs(args);
        return Agent.allowances(((ReconcileCommand) cli.getCommand()).options.hostPolicy);
    }

    @Test
    void nothingIsAllowedByDefault() {
        assertEquals(Allowances.NOTHING, parse(Map.of(), null, "--repo", "file:///r.git"));
    }

    @Test
    void everyAllowanceComesFromFlagsTheEnvironmentOrTheConfigFile() throws Exception {
        Path config = dir.resolve("driftless.conf");
        Files.writeString(config, "allow-docker-socket = true\nallow-volume-path = /srv,/data/\nallow-host-pid = true\n");

        Allowances allowed = parse(Map.of("DRIFTLESS_ALLOW_CAPABILITY", "NET_ADMIN,SYS_TIME", "DRIFTLESS_ALLOW_PRIVILEGED", "true"),
                config, "--repo", "file:///r.git", "--allow-device", "/dev/fuse", "--allow-device", "/dev/kvm",
                "--allow-host-network");

        assertEquals(new Allowances(true, true, true, Set.of("NET_ADMIN", "SYS_TIME"), Set.of("/dev/fuse", "/dev/kvm"),
                List.of("/srv", "/data"), true), allowed);
    }

    @Test
    void aBadAllowanceStopsTheAgentBeforeItTouchesAnythingAndNamesTheFlag() {
        CommandLineTest.Run run = driftless(Map.of(), "reconcile", "--repo", "file://" + dir.resolve("none.git"),
                "--state-dir", dir.resolve("state").toString(), "--allow-capability", "NET_ADMN");

        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("--allow-capability: \"NET_ADMN\" is not a Linux capability; did you mean NET_ADMIN?"), run.err());
    }
}
