package io.driftless.cli;

import io.driftless.ledger.Suspension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code driftless suspend} and {@code driftless resume}: a row in the ledger that the running agent reads at its next
 * pass, so both work beside it (another process, no restart). Doing either twice changes nothing and exits 0.
 */
public final class SuspendCommands {
    private SuspendCommands() {}

    @Command(name = "suspend", description = {"Apply no new commit until 'driftless resume'; what runs is still kept "
            + "running (drift of the last applied commit is repaired). Works beside a running agent, from its next pass. "
            + "Exit 0, also when already suspended (nothing changes then)."})
    public static final class Suspend implements Callable<Integer> {
        private final Assembly assembly;

        @Spec
        CommandSpec spec;

        @Mixin
        LedgerLocation where = new LedgerLocation();

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for status and the log (e.g. 'db migration').")
        String reason;

        public Suspend(Assembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public Integer call() {
            Suspension asked = new Suspension(Instant.now().truncatedTo(ChronoUnit.SECONDS), who(), reason);
            Optional<Suspension> before = assembly.suspend(where.stateDir, where.ledger, asked);
            PrintWriter out = spec.commandLine().getOut();
            if (before.isPresent()) {
                out.println("Already suspended " + describe(before.get()) + "; nothing changed"
                        + (reason == null ? "" : " (the reason given now is not kept)") + ". 'driftless resume' ends it.");
            } else {
                out.println("Suspended " + describe(asked) + ": from its next pass the agent applies no new commit and "
                        + "keeps what runs running. 'driftless resume' ends it.");
            }
            return 0;
        }
    }

    @Command(name = "resume", description = {"End 'driftless suspend': the agent's next pass applies the branch's tip "
            + "again. Exit 0, also when not suspended (nothing changes then)."})
    public static final class Resume implements Callable<Integer> {
        private final Assembly assembly;

        @Spec
        CommandSpec spec;

        @Mixin
        LedgerLocation where = new LedgerLocation();

        public Resume(Assembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public Integer call() {
            Optional<Suspension> lifted = assembly.resume(where.stateDir, where.ledger);
            PrintWriter out = spec.commandLine().getOut();
            out.println(lifted.map(s -> "Resumed (it was suspended " + describe(s) + "): the agent's next pass applies "
                    + "the branch's tip again.").orElse("Not suspended; nothing changed."));
            return 0;
        }
    }

    static String describe(Suspension s) {
        return "since " + s.at() + " by " + s.by() + (s.reason() == null ? "" : ": " + s.reason());
    }

    /** {@code user@host}: who suspended, for status and the log. */
    private static String who() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }
}
