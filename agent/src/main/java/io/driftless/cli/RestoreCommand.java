package io.driftless.cli;

import io.driftless.backup.BackupRunner;
import io.driftless.backup.RestorePlan;
import io.driftless.backup.RestoreResult;
import io.driftless.desired.Backup;
import io.driftless.rollout.Reconciler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code driftless restore NAME --to URL [--id ID] [--password-file FILE] --yes}: break-glass, all or nothing. */
@Command(name = "restore", description = {"Replace the database at --to with a backup of NAME, all or nothing: a pre-restore "
        + "backup of it is taken first and the old database is kept under another name. Without --yes it only says what it would do.",
        "Exit 0: restored (or, without --yes, the plan printed). 1: the restore failed; the database is as it was. 2: error."})
public final class RestoreCommand implements Callable<Integer> {
    private final Assembly assembly;

    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions options;

    @Parameters(paramLabel = "NAME", description = "The backup policy whose backup is restored.")
    String name;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "The database to replace, as postgresql://user@host:port/db (no password in it); its user must own it and have CREATEDB.")
    String to;

    @Option(names = "--id", paramLabel = "ID", description = "The backup to restore (default: the newest verified one); see 'driftless backup list NAME'.")
    Long id;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The password of --to's user (default: the policy's passwordFile).")
    Path passwordFile;

    @Option(names = "--yes", description = "Do it. Without it, nothing is changed.")
    boolean yes;

    public RestoreCommand(Assembly assembly) {
        this.assembly = assembly;
    }

    @Override
    public Integer call() throws Exception {
        try (Assembly.OneShot agent = assembly.backupAgent(options)) {
            Reconciler.HostManifest host = agent.reconciler().hostManifest();
            Backup policy = Policies.chosen(host, name).getFirst();
            BackupRunner.RestoreAsk ask = new BackupRunner.RestoreAsk(policy, to, Optional.ofNullable(id),
                    Optional.ofNullable(passwordFile), host.commit());
            PrintWriter out = Output.of(spec, options);
            try {
                if (!yes) {
                    RestorePlan plan = agent.backups().restorePlan(ask);
                    out.println("would restore " + plan.backup() + " (taken " + BackupCommand.TIME.format(plan.backupAt()) + ") into database "
                            + plan.target() + ":");
                    out.println("  1. back up " + plan.target() + " first, into " + plan.preRestoreInto());
                    out.println("  2. restore the dump into a new database " + plan.scratch() + " (pg_restore --exit-on-error)");
                    out.println("  3. end the sessions of " + plan.target() + ", then in one transaction rename it to "
                            + plan.replacedKeptAs() + " and " + plan.scratch() + " to " + plan.target());
                    out.println("nothing was changed; run again with --yes to do it");
                    return 0;
                }
                BackupRunner.RestoreOutcome outcome = agent.backups().restore(ask);
                out.println(switch (outcome.result()) {
                    case RestoreResult.Restored r -> "restored backup #" + outcome.backup().id() + " of " + name + " into "
                            + ask.targetUrl() + " in " + r.duration().toMillis() / 1000.0 + "s; the database it replaced is kept as "
                            + r.replacedKeptAs() + " and in pre-restore backup #" + outcome.preRestoreId().orElse(0L) + " ("
                            + r.preRestoreBackup().file() + ")";
                    case RestoreResult.Failed f -> "restore FAILED after " + f.duration().toMillis() / 1000.0 + "s: " + f.message()
                            + "; the database is as it was";
                });
                return outcome.exitCode();
            } catch (BackupRunner.NoSuchBackup e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    }
}
