package io.driftless.cli;

import io.driftless.Agent;
import io.driftless.http.StatusServer;
import io.driftless.rollout.Reconciler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

@Command(name = "run", description = {"Poll the repository and converge the host, until stopped (SIGTERM or Ctrl-C).",
        "Never exits on a transient error; a pass in progress is finished before it stops."})
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    /** How long SIGTERM waits for a pass in progress (a rollout) to finish. */
    static final Duration STOP_WAIT = Duration.ofSeconds(90);

    @Mixin
    AgentOptions options;

    private static volatile boolean signalled;
    private final Object wake = new Object();
    private volatile boolean stopping;

    /** True once SIGTERM (or Ctrl-C) asked the agent to stop: the JVM is shutting down. */
    public static boolean stoppedBySignal() {
        return signalled;
    }

    @Override
    public Integer call() throws Exception {
        try (HostLock lock = HostLock.acquire(options.stateDir);
             Agent agent = Agent.assemble(options, System.getenv());
             StatusServer http = options.listen.equals("off") ? null : StatusServer.start(options.listen, agent.ledger())) {
            int interrupted = agent.ledger().markInterrupted(Instant.now());
            if (interrupted > 0) {
                log.warn("commit -: {} rollout(s) were cut short by the agent's last stop; this pass converges from what runs", interrupted);
            }
            log.info("commit -: agent started: following {} branch {} every {}s{}", options.repo, options.branch,
                    options.interval.toSeconds(), http == null ? "" : ", status on http://" + options.listen + "/status");
            Thread loop = Thread.currentThread();
            Thread hook = new Thread(() -> {
                signalled = true;
                stopping = true;
                synchronized (wake) {
                    wake.notifyAll();
                }
                try {
                    loop.join(STOP_WAIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (!loop.isAlive()) {
                    // The loop finished its pass and closed everything: a clean stop exits 0, not 143.
                    Runtime.getRuntime().halt(0);
                }
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            while (!stopping) {
                try {
                    Reconciler.PassResult result = agent.reconciler().pass(false);
                    if (result.kind() == Reconciler.PassResult.Kind.ERROR) {
                        log.warn("commit -: the pass could not finish ({}); trying again at the next poll", result.message());
                    }
                } catch (RuntimeException e) {
                    // Unexpected: keep the stack trace, keep running.
                    log.error("commit -: unexpected error in a pass; trying again at the next poll", e);
                }
                waitForNextPass();
            }
            log.info("commit -: agent stopped");
            return 0;
        }
    }

    private void waitForNextPass() throws InterruptedException {
        long jitter = options.jitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(options.jitter.toMillis() + 1);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.interval.toMillis() + jitter);
        synchronized (wake) {
            while (!stopping) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                wake.wait(left);
            }
        }
    }
}
