package io.driftless.cli;

import io.driftless.ledger.Status;
import io.driftless.rollout.Reconciler;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the commands get from the composition root ({@code io.driftless}), which builds it from the environment
 * given to {@code Main.execute}. The commands parse flags and present what comes back; how the agent is put
 * together (adapters, secrets, the scheduler, the HTTP endpoint) is none of their business.
 */
public interface Assembly {
    /** {@code run}: serves and schedules passes until stopped (SIGTERM, Ctrl-C); its exit code. */
    int run(AgentOptions options) throws Exception;

    /** The agent for {@code plan}, from the flags; it changes nothing, so it takes no lock. */
    OneShot agent(AgentOptions options) throws Exception;

    /**
     * The agent for {@code reconcile}: the host locked first, then assembled, and the rollouts a killed agent left
     * open marked interrupted. Closing it releases the lock last.
     *
     * @throws HostLock.HeldElsewhere when another agent (a running {@code driftless run}) holds the host
     */
    OneShot lockedAgent(AgentOptions options) throws Exception;

    /**
     * The agent for the backup, drill and restore commands: it writes the ledger but takes no host lock, so it works
     * beside a running agent; each policy's own lock keeps a backup and a rollout of its database apart.
     */
    OneShot backupAgent(AgentOptions options) throws Exception;

    /** The stored backups the ledger lists, oldest first: of policy {@code name}, or of every policy when null. */
    java.util.List<io.driftless.ledger.BackupRecord> storedBackups(Path stateDir, LedgerOptions ledger, String name);

    /** What the ledger in {@code stateDir} (or on the server {@code ledger} names) says, read without writing (works while Docker and the agent are down). */
    Status status(Path stateDir, LedgerOptions ledger);

    /** The newest {@code limit} rollouts, newest first, read without writing ({@code history}). */
    java.util.List<io.driftless.ledger.RolloutRecord> history(Path stateDir, LedgerOptions ledger, int limit);

    /**
     * Suspends the host in the ledger (created or migrated as need be), beside a running agent.
     *
     * @return the suspension already in force (then nothing changed), or empty
     */
    java.util.Optional<io.driftless.ledger.Suspension> suspend(Path stateDir, LedgerOptions ledger,
            io.driftless.ledger.Suspension suspension);

    /** Lifts the suspension; returns the one lifted, or empty when the host was not suspended. */
    java.util.Optional<io.driftless.ledger.Suspension> resume(Path stateDir, LedgerOptions ledger);

    /** An assembled agent; closing it closes every connection it opened. */
    interface OneShot extends AutoCloseable {
        Reconciler reconciler();

        /**
         * The steps on the terminal are {@code outlet}'s from now on: it hears every event, and the journal's own step
         * lines go to the ledger only (no longer to the log), so a person sees each step once.
         */
        void showStepsWith(io.driftless.events.EventSink outlet);

        /** Runs the backup policies of the manifest the host runs. */
        io.driftless.backup.BackupRunner backups();

        @Override
        void close() throws IOException;
    }
}
