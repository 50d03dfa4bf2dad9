package io.driftless;

import io.driftless.cli.AgentOptions;
import io.driftless.cli.Assembly;
import io.driftless.cli.HostLock;
import io.driftless.rollout.Reconciler;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * An agent on a locked host, for {@code run} and {@code reconcile}: the host is locked before anything is assembled,
 * and the lock outlives every connection the agent opened.
 *
 * @param interrupted the rollouts a killed agent had left open, now marked interrupted
 */
record LockedAgent(Agent agent, HostLock lock, int interrupted) implements Assembly.OneShot {
    /** @throws HostLock.HeldElsewhere when another agent holds the state dir or the instance */
    static LockedAgent open(AgentOptions options, Map<String, String> environment) throws Exception {
        HostLock lock = HostLock.acquire(options.stateDir, options.instance);
        Agent agent;
        try {
            agent = Agent.assemble(options, environment, new Ledgers(options.ledger).agents());
        } catch (Exception | Error e) {
            Agent.closeQuietly(lock, e);
            throw e;
        }
        try {
            return new LockedAgent(agent, lock, agent.ledger().markInterrupted(Instant.now()));
        } catch (RuntimeException | Error e) {
            Agent.closeQuietly(agent, e);
            Agent.closeQuietly(lock, e);
            throw e;
        }
    }

    @Override
    public Reconciler reconciler() {
        return agent.reconciler();
    }

    @Override
    public void showStepsWith(io.driftless.events.EventSink outlet) {
        agent.showStepsWith(outlet);
    }

    @Override
    public io.driftless.backup.BackupRunner backups() {
        return agent.backups();
    }

    @Override
    public void close() throws IOException {
        try (lock; agent) {
            // The agent first, then the lock.
        }
    }
}
