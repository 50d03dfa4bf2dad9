package io.driftless.cli;

import io.driftless.Agent;
import io.driftless.desired.Durations;
import io.driftless.http.AgentServer;
import io.driftless.http.RateLimiter;
import io.driftless.http.Secret;
import io.driftless.ledger.StatusJson;
import io.driftless.rollout.PassLoop;
import io.driftless.time.MonotonicClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

@Command(name = "run", description = {"Poll the repository and converge the host, until stopped (SIGTERM or Ctrl-C).",
        "Never exits on a transient error; a pass in progress is finished before it stops."})
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    /** How long SIGTERM waits for a pass in progress (a rollout) to finish. */
    static final Duration STOP_WAIT = Duration.ofSeconds(90);

    @Mixin
    AgentOptions options;

    private static volatile boolean signalled;

    /** True once SIGTERM (or Ctrl-C) asked the agent to stop: the JVM is shutting down. */
    public static boolean stoppedBySignal() {
        return signalled;
    }

    @Override
    public Integer call() throws Exception {
        // Secrets and settings first: a typo in a path fails before anything is locked or started.
        Optional<Secret> webhookSecret = Secret.load("--webhook-secret-file", options.webhookSecretFile,
                "DRIFTLESS_WEBHOOK_SECRET", System.getenv());
        Optional<Secret> reconcileToken = Secret.load("--reconcile-token-file", options.reconcileTokenFile,
                "DRIFTLESS_RECONCILE_TOKEN", System.getenv());
        PassLoop.Settings settings = PassLoop.Settings.of(options.interval, options.jitter, options.stuckAfter);
        boolean serve = !options.listen.equals("off");
        if (serve) {
            AgentServer.parse(options.listen);
        }
        try (HostLock lock = HostLock.acquire(options.stateDir, options.instance);
             Agent agent = Agent.assemble(options, System.getenv())) {
            int interrupted = agent.ledger().markInterrupted(Instant.now());
            if (interrupted > 0) {
                log.warn("commit -: {} rollout(s) were cut short by the agent's last stop; this pass converges from what runs", interrupted);
            }
            Clock clock = new MonotonicClock();
            PassLoop loop = new PassLoop(agent.reconciler()::pass, settings, clock, PassLoop.Waiter.REAL, RandomGenerator.getDefault());
            AgentServer.Wiring wiring = new AgentServer.Wiring(options.branch, webhookSecret, reconcileToken,
                    RateLimiter.defaults(clock), () -> StatusJson.render(agent.ledger().status()), loop::stuck, loop::request);
            try (AgentServer http = serve ? AgentServer.start(options.listen, wiring) : null) {
                log.info("commit -: agent started: following {} branch {} every {}{}", options.repo, options.branch,
                        Durations.format(options.interval), http == null ? "" : "; HTTP on port " + http.port() + " (/healthz, /status"
                                + (webhookSecret.isPresent() ? ", /hooks/git" : "") + (reconcileToken.isPresent() ? ", /reconcile" : "") + ")");
                stopOnSignal(loop, Thread.currentThread());
                loop.run();
            }
            log.info("commit -: agent stopped");
            return 0;
        }
    }

    /**
     * SIGTERM: the pass in progress finishes, then the loop ends and {@link #call()} closes everything. The hook then
     * halts with 0, because a JVM stopped by a signal otherwise exits 143 even after a clean stop.
     */
    private static void stopOnSignal(PassLoop loop, Thread main) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signalled = true;
            loop.stop();
            try {
                main.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!main.isAlive()) {
                Runtime.getRuntime().halt(0);
            }
        }, "shutdown"));
    }
}
