package io.driftless;

import io.driftless.cli.AgentOptions;
import io.driftless.desired.Durations;
import io.driftless.http.AgentServer;
import io.driftless.http.RateLimiter;
import io.driftless.http.Secret;
import io.driftless.ledger.StatusJson;
import io.driftless.ledger.StatusPage;
import io.driftless.metrics.AgentMetrics;
import io.driftless.rollout.ReconcileJob;
import io.driftless.rollout.Reconciler;
import io.driftless.schedule.Periodic;
import io.driftless.schedule.Requests;
import io.driftless.schedule.ResourceLocks;
import io.driftless.schedule.Scheduler;
import io.driftless.schedule.Waiter;
import io.driftless.time.MonotonicClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** {@code driftless run}: the agent, its one scheduler and its HTTP endpoint, until SIGTERM. */
final class AgentRun {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    /** How long SIGTERM waits for a pass in progress (a rollout) to finish. */
    static final Duration STOP_WAIT = Duration.ofSeconds(90);

    private static volatile boolean signalled;

    private AgentRun() {
    }

    /** True once SIGTERM (or Ctrl-C) asked the agent to stop: the JVM is shutting down. */
    static boolean stoppedBySignal() {
        return signalled;
    }

    static int run(AgentOptions options, Map<String, String> environment) throws Exception {
        // Secrets and settings first: a typo in a path fails before anything is locked or started.
        Optional<Secret> webhookSecret = Secret.load("--webhook-secret-file", options.webhookSecretFile,
                "DRIFTLESS_WEBHOOK_SECRET", environment);
        Optional<Secret> reconcileToken = Secret.load("--reconcile-token-file", options.reconcileTokenFile,
                "DRIFTLESS_RECONCILE_TOKEN", environment);
        Periodic timing = Periodic.of(options.interval, options.jitter, options.stuckAfter);
        boolean serve = !options.listen.equals("off");
        if (serve) {
            AgentServer.parse(options.listen);
        }
        try (LockedAgent locked = LockedAgent.open(options, environment)) {
            Agent agent = locked.agent();
            if (locked.interrupted() > 0) {
                log.warn("commit -: {} rollout(s) were cut short by the agent's last stop; this pass converges from what runs",
                        locked.interrupted());
            }
            Clock clock = new MonotonicClock();
            Scheduler scheduler = new Scheduler(clock, Clock.systemUTC(), Waiter.REAL, RandomGenerator.getDefault(),
                    Scheduler.THREAD_PER_RUN, new ResourceLocks(clock, Waiter.REAL));
            BackupJobs backups = new BackupJobs(scheduler, agent.backups(), agent.reconciler()::hostManifest, agent.ledger(),
                    options.timeZone, options.backupTimeout);
            backups.sync(); // before the first pass: a backup missed while the agent was down runs at once
            Requests<Reconciler.PassResult> passes = scheduler.add(ReconcileJob.of(retry -> {
                Reconciler.PassResult result = agent.reconciler().pass(retry);
                backups.sync(); // the host's commit may have changed: its policies are the ones that run
                return result;
            }, timing));
            AgentMetrics metrics = new AgentMetrics(AgentRun.class.getPackage().getImplementationVersion(), agent.ledger()::status);
            agent.events().subscribe(metrics);
            AgentServer.Wiring wiring = new AgentServer.Wiring(options.branch, webhookSecret, reconcileToken,
                    RateLimiter.defaults(clock), () -> StatusJson.render(agent.ledger().status()), metrics::scrape,
                    scheduler::stuck, passes::request,
                    () -> StatusPage.render(agent.ledger().status(), agent.ledger().recentRollouts(StatusPage.ROLLOUTS_SHOWN), Instant.now()));
            try (AgentServer http = serve ? AgentServer.start(options.listen, wiring) : null) {
                log.info("commit -: agent started: following {} branch {} every {} plus up to {}{}", options.repo, options.branch,
                        Durations.format(options.interval), Durations.format(timing.jitter()), http == null ? "" : "; HTTP on port " + http.port() + " (/, /healthz, /status, /metrics"
                                + (webhookSecret.isPresent() ? ", /hooks/git" : "") + (reconcileToken.isPresent() ? ", /reconcile" : "") + ")");
                stopOnSignal(scheduler, Thread.currentThread());
                scheduler.run();
            }
            log.info("commit -: agent stopped");
            return 0;
        }
    }

    /**
     * SIGTERM: the runs in progress finish, then the scheduler ends and {@link #run} closes everything. The hook then
     * halts with 0, because a JVM stopped by a signal otherwise exits 143 even after a clean stop.
     */
    private static void stopOnSignal(Scheduler scheduler, Thread main) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signalled = true;
            scheduler.stop();
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
