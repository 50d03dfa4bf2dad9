package io.driftless.cli;

import io.driftless.backup.BackupRunner;
import io.driftless.backup.DrillResult;
import io.driftless.desired.Backup;
import io.driftless.events.Sizes;
import io.driftless.rollout.Reconciler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code driftless drill restore [NAME]}: proves the newest verified backup restores. */
@Command(name = "drill", description = "Restore drills: prove a backup restores.", subcommands = DrillCommand.Restore.class)
public final class DrillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "restore", description = {"Restore the newest verified backup (of NAME, or of every policy) into a scratch "
            + "database, run verify.query and check the tables, drop the scratch database.", "Exit 0: passed. 1: failed. 2: error."})
    public static final class Restore implements Callable<Integer> {
        private final Assembly assembly;

        @Spec
        CommandSpec spec;

        @Mixin
        AgentOptions options;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "The backup policy (default: every one).")
        String name;

        public Restore(Assembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public Integer call() throws Exception {
            try (Assembly.OneShot agent = assembly.backupAgent(options)) {
                Reconciler.HostManifest host = agent.reconciler().hostManifest();
                int exit = 0;
                for (Backup policy : Policies.chosen(host, name)) {
                    BackupRunner.DrillOutcome outcome = agent.backups().drill(policy, host.commit());
                    Output.of(spec, options).println(switch (outcome.result()) {
                        case DrillResult.Passed p -> "drill " + policy.name() + ": passed in " + p.duration().toMillis() / 1000.0
                                + "s: backup #" + outcome.backupId().orElse(0L) + " (" + Sizes.human(p.sizeBytes()) + ") restored, "
                                + p.tables() + " table(s) checked" + (policy.verify() != null && policy.verify().query() != null
                                ? ", verify.query true" : "") + ", scratch database dropped";
                        case DrillResult.Failed f -> "drill " + policy.name() + ": FAILED after " + f.duration().toMillis() / 1000.0
                                + "s: " + f.message();
                    });
                    exit = Math.max(exit, outcome.exitCode());
                }
                return exit;
            }
        }
    }
}
