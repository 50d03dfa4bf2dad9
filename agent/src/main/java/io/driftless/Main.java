package io.driftless;

import io.driftless.cli.Assembly;
import io.driftless.cli.BackupCommand;
import io.driftless.cli.DrillCommand;
import io.driftless.cli.HistoryCommand;
import io.driftless.cli.SuspendCommands;
import io.driftless.cli.RestoreCommand;
import io.driftless.cli.EnvironmentDefaults;
import io.driftless.cli.ImportCommand;
import io.driftless.cli.InitCommand;
import io.driftless.cli.PlanCommand;
import io.driftless.cli.ReconcileCommand;
import io.driftless.cli.RunCommand;
import io.driftless.cli.StatusCommand;
import io.driftless.cli.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code driftless} command, and the composition root: the commands get the agent through {@link Assembly},
 * built here from the environment given to {@link #execute}.
 */
@Command(name = "driftless", mixinStandardHelpOptions = true, version = "driftless 0.1.0",
        description = "A GitOps agent for one Docker host: blue/green swaps behind health gates, the last known-good commit kept.",
        subcommands = {RunCommand.class, ReconcileCommand.class, PlanCommand.class, StatusCommand.class, ValidateCommand.class,
                BackupCommand.class, DrillCommand.class, RestoreCommand.class, HistoryCommand.class,
                SuspendCommands.Suspend.class, SuspendCommands.Resume.class, InitCommand.class, ImportCommand.class},
        footer = {"", "Every flag can also be set as DRIFTLESS_<FLAG> in the environment (DRIFTLESS_STATE_DIR, ...)",
                "or as '<flag> = value' in the config file (--config FILE, DRIFTLESS_CONFIG, or /etc/driftless/driftless.conf)."})
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = execute(args, System.getenv());
        if (AgentRun.stoppedBySignal()) {
            // The JVM is already shutting down (SIGTERM): System.exit would wait for the shutdown hook, which
            // waits for this thread. Returning lets the shutdown finish.
            return;
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (tests call this in-process). */
    public static int execute(String[] args, Map<String, String> environment) {
        return execute(args, environment, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Same, printing to {@code out} and {@code err}. */
    public static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main(), commands(new Composition(environment)));
        // backup list reads only the ledger, like status; it takes every flag of the other backup commands, so a
        // script can pass the same ones, but needs no repository.
        CommandLine.Model.CommandSpec list = cli.getSubcommands().get("backup").getSubcommands().get("list").getCommandSpec();
        CommandLine.Model.OptionSpec repo = list.findOption("--repo");
        list.remove(repo);
        list.addOption(repo.toBuilder().required(false).build());
        cli.setOut(out);
        cli.setErr(err);
        try {
            Path config = EnvironmentDefaults.configFile(args, environment);
            cli.setDefaultValueProvider(new EnvironmentDefaults(environment, config));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return 2;
            }
            // Expected failures (unreachable Docker, unreadable ledger, bad flag values) are one line for humans.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            commandLine.getErr().println("error: " + message);
            if (environment.get("DRIFTLESS_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 2;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Picocli's factory, handing each command the assembly; flags, mixins and converters as picocli makes them. */
    private static CommandLine.IFactory commands(Assembly assembly) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                Object command = type == RunCommand.class ? new RunCommand(assembly)
                        : type == ReconcileCommand.class ? new ReconcileCommand(assembly)
                        : type == PlanCommand.class ? new PlanCommand(assembly)
                        : type == StatusCommand.class ? new StatusCommand(assembly)
                        : type == BackupCommand.Run.class ? new BackupCommand.Run(assembly)
                        : type == BackupCommand.ListBackups.class ? new BackupCommand.ListBackups(assembly)
                        : type == BackupCommand.Verify.class ? new BackupCommand.Verify(assembly)
                        : type == DrillCommand.Restore.class ? new DrillCommand.Restore(assembly)
                        : type == RestoreCommand.class ? new RestoreCommand(assembly)
                        : type == HistoryCommand.class ? new HistoryCommand(assembly)
                        : type == SuspendCommands.Suspend.class ? new SuspendCommands.Suspend(assembly)
                        : type == SuspendCommands.Resume.class ? new SuspendCommands.Resume(assembly)
                        : null;
                return command == null ? CommandLine.defaultFactory().create(type) : type.cast(command);
            }
        };
    }
}
