package io.driftless.cli;

import io.driftless.Agent;
import io.driftless.rollout.Reconciler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "reconcile", description = {
        "Run one pass now: fetch, plan, roll out, record.",
        "Exit 0: converged. 1: a rollout failed and the host kept (or went back to) the last known-good commit. 2: error."})
public final class ReconcileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions options;

    @Option(names = "--retry", description = "Try the tip again even if it failed before (a failed commit is otherwise skipped).")
    boolean retry;

    @Override
    public Integer call() throws Exception {
        try (HostLock lock = HostLock.acquire(options.stateDir);
             Agent agent = Agent.assemble(options, System.getenv())) {
            agent.ledger().markInterrupted(Instant.now());
            Reconciler.PassResult result = agent.reconciler().pass(retry);
            spec.commandLine().getOut().println(Summary.of(result));
            return result.exitCode();
        }
    }
}
