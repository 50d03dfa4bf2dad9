package io.driftless.cli;

import io.driftless.backup.BackupKind;
import io.driftless.backup.BackupRunner;
import io.driftless.desired.Backup;
import io.driftless.events.Sizes;
import io.driftless.ledger.BackupRecord;
import io.driftless.ledger.StatusJson;
import io.driftless.rollout.Reconciler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static io.driftless.events.Commits.shortSha;

/** {@code driftless backup run|list|verify}: the backup policies of the manifest the host runs. */
@Command(name = "backup", description = "Take, list and re-check the backups of the manifest's backup policies.",
        subcommands = {BackupCommand.Run.class, BackupCommand.ListBackups.class, BackupCommand.Verify.class})
public final class BackupCommand implements Callable<Integer> {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "run", description = {"Take one backup now (of NAME, or of every policy), copy it offsite, rotate.",
            "Exit 0: verified and stored (and copied offsite if configured). 1: the backup or its offsite copy failed "
                    + "(older backups untouched). 2: error."})
    public static final class Run implements Callable<Integer> {
        private final Assembly assembly;

        @Spec
        CommandSpec spec;

        @Mixin
        AgentOptions options;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "The backup policy (default: every one).")
        String name;

        public Run(Assembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public Integer call() throws Exception {
            try (Assembly.OneShot agent = assembly.backupAgent(options)) {
                Reconciler.HostManifest host = agent.reconciler().hostManifest();
                int exit = 0;
                for (Backup policy : Policies.chosen(host, name)) {
                    BackupRunner.BackupOutcome outcome = agent.backups().backup(policy, BackupKind.MANUAL, host.commit());
                    Output.of(spec, options).println(describe(outcome));
                    exit = Math.max(exit, outcome.exitCode());
                }
                return exit;
            }
        }

        static String describe(BackupRunner.BackupOutcome o) {
            StringBuilder b = new StringBuilder("backup ").append(o.name()).append(": ");
            if (o.stored().isEmpty()) {
                return b.append("FAILED: ").append(o.failure().orElse("")).append("; older backups are untouched").toString();
            }
            BackupRecord r = o.stored().get();
            b.append('#').append(r.id()).append(" stored and verified: ").append(r.file()).append(" (")
                    .append(Sizes.human(r.sizeBytes())).append(", ").append(o.took().toMillis() / 1000.0).append("s)");
            if (r.offsite() != null) {
                b.append("; offsite ").append(r.offsite().state()).append(" (").append(r.offsite().remote()).append(')');
            }
            o.offsiteFailure().ifPresent(f -> b.append("; OFFSITE FAILED: ").append(f));
            if (!o.rotated().isEmpty()) {
                b.append("; rotation deleted ").append(String.join(", ", o.rotated()));
            }
            return b.toString();
        }
    }

    @Command(name = "list", description = "The stored backups the ledger lists, oldest first (works while Docker and the agent are down).")
    public static final class ListBackups implements Callable<Integer> {
        private final Assembly assembly;

        @Spec
        CommandSpec spec;

        @Mixin
        AgentOptions options;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "The backup policy (default: every one).")
        String name;

        @Option(names = "--json", description = "An array of {id, name, kind, at, file, sizeBytes, sha256, verified, offsite}.")
        boolean json;

        public ListBackups(Assembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public Integer call() {
            List<BackupRecord> backups = assembly.storedBackups(options.stateDir, options.ledger, name);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(StatusJson.renderBackups(backups));
                return 0;
            }
            if (backups.isEmpty()) {
                out.println(name == null ? "no backups are stored" : "backup " + name + " has no stored backups");
                return 0;
            }
            out.printf("%-6s %-12s %-11s %-23s %10s  %-8s %-7s %s%n", "ID", "NAME", "KIND", "AT", "SIZE", "VERIFIED", "OFFSITE", "FILE");
            for (BackupRecord r : backups) {
                out.printf("%-6s %-12s %-11s %-23s %10s  %-8s %-7s %s%n", "#" + r.id(), r.name(), r.kind().word(),
                        TIME.format(r.at()), Sizes.human(r.sizeBytes()), r.verified() ? "yes" : "NO",
                        r.offsite() == null ? "-" : r.offsite().state(), r.file());
            }
            return 0;
        }
    }

    @Command(name = "verify", description = {"Re-read stored backups end to end: the file against its sidecar and the ledger, "
            + "every block with pg_restore, and the offsite copy.", "Exit 0: all good. 1: any bad (named). 2: error."})
    public static final class Verify implements Callable<Integer> {
        private final Assembly assembly;

        @Spec
        CommandSpec spec;

        @Mixin
        AgentOptions options;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "The backup policy (default: every one).")
        String name;

        @Option(names = "--id", paramLabel = "ID", description = "Only this backup (default: every stored backup of NAME).")
        Long id;

        public Verify(Assembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public Integer call() throws Exception {
            if (id != null && name == null) {
                throw new IllegalArgumentException("--id needs the backup's NAME: driftless backup verify NAME --id " + id);
            }
            try (Assembly.OneShot agent = assembly.backupAgent(options)) {
                Reconciler.HostManifest host = agent.reconciler().hostManifest();
                PrintWriter out = Output.of(spec, options);
                int bad = 0;
                int good = 0;
                for (Backup policy : Policies.chosen(host, name)) {
                    List<BackupRunner.Checked> checked;
                    try {
                        checked = agent.backups().verify(policy, Optional.ofNullable(id), host.commit());
                    } catch (BackupRunner.NoSuchBackup e) {
                        throw new IllegalArgumentException(e.getMessage());
                    }
                    if (checked.isEmpty()) {
                        out.println("backup " + policy.name() + ": no stored backups to verify");
                    }
                    for (BackupRunner.Checked c : checked) {
                        BackupRecord r = c.backup();
                        if (c.problem().isEmpty()) {
                            good++;
                            out.println("backup " + policy.name() + " #" + r.id() + " good: " + r.file());
                        } else {
                            bad++;
                            out.println("backup " + policy.name() + " #" + r.id() + " BAD: " + c.problem().get());
                        }
                    }
                }
                out.println(good + " good, " + bad + " bad (policies of commit " + shortSha(host.commit()) + ")");
                return bad == 0 ? 0 : 1;
            }
        }
    }
}
