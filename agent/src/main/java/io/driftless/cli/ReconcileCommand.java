package io.driftless.cli;

import io.driftless.rollout.Reconciler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "reconcile", description = {
        "Run one pass now: fetch, plan, roll out, record.",
        "Exit 0: converged. 1: a rollout failed and the host kept (or went back to) the last known-good commit. 2: error."})
public final class ReconcileCommand implements Callable<Integer> {
    private final Assembly assembly;

    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions options;

    @Option(names = "--retry", description = "Try the tip again even if it failed before (a failed commit is otherwise skipped).")
    boolean retry;

    /** auto: live lines when stdin/stdout are a terminal (System.console()), plain lines otherwise. For tests and scripts. */
    @Option(names = "--progress", hidden = true, defaultValue = "auto", paramLabel = "auto|tty|plain")
    String progress;

    public ReconcileCommand(Assembly assembly) {
        this.assembly = assembly;
    }

    @Override
    public Integer call() throws Exception {
        Assembly.OneShot agent;
        try {
            agent = assembly.lockedAgent(options);
        } catch (HostLock.HeldElsewhere e) {
            // The usual case at 3 AM: the agent runs under systemd. Say how to ask it instead.
            spec.commandLine().getErr().println("error: " + e.getMessage().replaceFirst("; two agents.*$", "")
                    + ". The running agent does the same pass on its next poll; to have it run one now, POST to its "
                    + "endpoint: curl -X POST 'http://" + options.listen + "/reconcile?wait=true" + (retry ? "&retry=true" : "")
                    + "' -H \"Authorization: Bearer $(cat TOKEN_FILE)\" (the agent needs --reconcile-token-file)");
            return 2;
        }
        java.util.concurrent.ScheduledExecutorService ticks = null;
        try (agent) {
            if (options.logFormat == LogFormat.text) {
                boolean tty = progress.equals("tty") || progress.equals("auto") && System.console() != null;
                if (tty) {
                    ticks = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("driftless-progress").factory());
                }
                java.util.concurrent.ScheduledExecutorService scheduler = ticks;
                agent.showStepsWith(new StepProgress(spec.commandLine().getErr(), tty, java.time.Instant::now, tick -> {
                    java.util.concurrent.ScheduledFuture<?> ticking = scheduler.scheduleAtFixedRate(tick, 250, 250,
                            java.util.concurrent.TimeUnit.MILLISECONDS);
                    return () -> ticking.cancel(false);
                }));
            }
            Reconciler.PassResult result = agent.reconciler().pass(retry);
            Output.of(spec, options).println(Summary.of(result));
            return result.exitCode();
        } finally {
            if (ticks != null) {
                ticks.shutdownNow();
            }
        }
    }
}
