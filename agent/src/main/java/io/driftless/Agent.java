package io.driftless;

import io.driftless.backup.BackupRunner;
import io.driftless.cli.AgentOptions;
import io.driftless.cli.Assembly;
import io.driftless.cli.HostPolicyOptions;
import io.driftless.docker.ContainerPgAccess;
import io.driftless.docker.DockerEngine;
import io.driftless.docker.DockerSettings;
import io.driftless.events.EventBus;
import io.driftless.health.HealthGate;
import io.driftless.health.http.HttpHealthProbe;
import io.driftless.ledger.Ledger;
import io.driftless.notify.Notifier;
import io.driftless.policy.Allowances;
import io.driftless.policy.FollowedSymlinks;
import io.driftless.policy.HostPolicy;
import io.driftless.proxy.CaddyProxy;
import io.driftless.proxy.CaddySettings;
import io.driftless.proxy.ListenerHandover;
import io.driftless.rollout.Admission;
import io.driftless.rollout.CommitSource;
import io.driftless.rollout.Executor;
import io.driftless.rollout.Reconciler;
import io.driftless.rollout.SourceGate;
import io.driftless.rollout.Backoff;
import io.driftless.rollout.ContainerEngine;
import io.driftless.rollout.ResilientEngine;
import io.driftless.rollout.ResilientProxy;
import io.driftless.rollout.ResilientSource;
import io.driftless.rollout.RouteProxy;
import io.driftless.source.Credentials;
import io.driftless.source.GitCommitSource;
import io.driftless.source.GitSource;
import io.driftless.source.SourceConfig;
import io.driftless.source.SourceException;
import io.driftless.source.SourceGuard;
import io.driftless.source.TrustedSigners;
import io.driftless.time.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The real adapters, wired to the reconciler, for one command or for {@code run}. Closing it closes them. */
public final class Agent implements Assembly.OneShot {
    private static final Logger log = LoggerFactory.getLogger("driftless");
    /** Time for in-flight requests to finish on the old container after Caddy's shutdown delay. */
    static final Duration IN_FLIGHT_MARGIN = Duration.ofSeconds(1);

    private final GitSource git;
    private final DockerEngine docker;
    private final Ledger ledger;
    private final Reconciler reconciler;
    private final EventBus events;
    private final BackupRunner backups;
    private final Notifier notifier;
    /** Gives the journal's step lines back to the log, after {@link #showStepsWith}. */
    private Runnable loudAgain;

    private Agent(GitSource git, DockerEngine docker, Ledger ledger, Reconciler reconciler, EventBus events,
                  BackupRunner backups, Notifier notifier) {
        this.git = git;
        this.docker = docker;
        this.ledger = ledger;
        this.reconciler = reconciler;
        this.events = events;
        this.backups = backups;
        this.notifier = notifier;
    }

    /**
     * @param ledgers opens the ledger of a state dir: the agent's own for {@code run} and {@code reconcile}, read-only
     *                for {@code plan}
     */
    public static Agent assemble(AgentOptions o, Map<String, String> environment, Function<Path, Ledger> ledgers)
            throws SourceException {
        Clock clock = Clock.systemUTC();
        // First, so a bad --allow-* value stops the agent before it touches anything.
        Admission hostPolicy = new HostPolicy(allowances(o.hostPolicy), new FollowedSymlinks());
        refuseSecretsInTheUrl(o.repo);
        Notifier notifier = Notifications.from(o, clock); // starts nothing until there is something to send
        Credentials credentials = credentials(o, environment);
        SourceConfig sourceConfig = new SourceConfig(o.repo, o.branch, o.path, o.stateDir.resolve("git"), credentials, o.gitTimeout);
        GitSource git = new GitSource(sourceConfig);
        DockerEngine docker = null;
        try {
            SourceGate sourceGate = sourceGate(o, git); // trust files are read now: a wrong path fails before anything starts
            // A host that resets connections at each Caddy reload cannot keep the zero-failed-requests promise: say so.
            ListenerHandover.warning(ListenerHandover.SETTING).ifPresent(w -> log.warn("commit -: {}", w));
            docker = DockerEngine.connect(DockerSettings.forInstance(o.instance, environment).withNetwork(o.network()));
            return wire(o, environment, clock, hostPolicy, git, sourceGate, docker, ledgers, notifier);
        } catch (SourceException | RuntimeException | Error e) {
            // What opened before the failure is closed again: a failed start leaves no connection or clone open.
            closeQuietly(git, e);
            if (docker != null) {
                closeQuietly(docker, e);
            }
            throw e;
        }
    }

    private static Agent wire(AgentOptions o, Map<String, String> environment, Clock clock, Admission hostPolicy, GitSource git, SourceGate sourceGate,
                              DockerEngine docker, Function<Path, Ledger> ledgers, Notifier notifier) {
        CaddyProxy caddyAdmin = new CaddyProxy(CaddySettings.defaults(URI.create(o.caddyAdmin)).withShutdownDelay(o.shutdownDelay));
        // Every call to Docker, Caddy and the Git remote goes through bounded, jittered retries and a breaker.
        ContainerEngine engine = new ResilientEngine(docker, Backoff.Policy.DOCKER, clock);
        RouteProxy caddy = new ResilientProxy(caddyAdmin, Backoff.Policy.CADDY, clock);
        Ledger ledger = ledgers.apply(o.stateDir);
        HttpHealthProbe probe = new HttpHealthProbe();
        HealthGate gate = new HealthGate(probe, clock, Sleeper.REAL);
        CommitSource repository = new GitCommitSource(git);
        CommitSource source = new ResilientSource(repository, Backoff.Policy.GIT, clock);
        try {
            EventBus events = eventBus();
            BackupRunner backups = new BackupRunner(new PgAccesses(containers(docker)),
                    new Offsites(Optional.ofNullable(o.rcloneConfig), environment, o.backupTimeout),
                    new PolicyFileLocks(o.stateDir, Sleeper.REAL), ledger, events, clock, o.timeZone, o.backupTimeout);
            // A service's snapshot is a backup of its policy, under the policy's lock until the rollout ends.
            Executor executor = new Executor(engine, caddy, gate, Executor.probing(engine, probe, clock, Sleeper.REAL), clock,
                    Sleeper.REAL, o.shutdownDelay.plus(IN_FLIGHT_MARGIN), new PolicySnapshots(backups), o.parallel);
            Reconciler reconciler = new Reconciler(source, sourceGate, hostPolicy, engine, caddy, executor, ledger, clock, events);
            events.subscribe(notifier); // after the journal: an event's log line comes first
            return new Agent(git, docker, ledger, reconciler, events, backups, notifier);
        } catch (RuntimeException | Error e) {
            closeQuietly(ledger, e);
            throw e;
        }
    }

    /** {@code container:} mode: the client programs run inside the database's container, found when a run starts. */
    private static PgAccesses.ContainerAccess containers(DockerEngine docker) {
        return (policy, container) -> ContainerPgAccess.of(docker, policy, container);
    }

    /**
     * The one event stream. The reconciler subscribes the ledger's outlets (journal, rollout recorder); further
     * outlets (metrics, notifications) subscribe here. An outlet that throws is logged and skipped.
     */
    private static EventBus eventBus() {
        return new EventBus((event, e) -> log.warn("commit -: an outlet failed on {}: {}", event.getClass().getSimpleName(), e.toString()));
    }

    /** Closes {@code part} after {@code failure}; a second failure is kept with the first, not in its place. */
    static void closeQuietly(AutoCloseable part, Throwable failure) {
        try {
            part.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /** History must move forward and, when trust files are configured, every new commit be signed. */
    private static SourceGate sourceGate(AgentOptions o, GitSource git) throws SourceException {
        TrustedSigners signers = o.trustedGpgKeys == null && o.allowedSigners == null ? null
                : TrustedSigners.load(o.trustedGpgKeys, o.allowedSigners);
        String trustFrom = o.trustFrom == null || o.trustFrom.isBlank() ? null : o.trustFrom.strip();
        return GitCommitSource.gate(new SourceGuard(git, o.allowNonFastForward, signers, trustFrom));
    }

    /**
     * An http(s) URL with a user or token in it would show in {@code ps} and land in the clone's config: secrets
     * come from files or the environment only.
     */
    static void refuseSecretsInTheUrl(String repo) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^(https?)://([^/@]+)@").matcher(repo == null ? "" : repo);
        if (m.find()) {
            throw new IllegalArgumentException("--repo must not carry a user name or token (it shows in 'ps' and is kept "
                    + "in the clone's config): use " + m.group(1) + "://" + repo.substring(m.end())
                    + " and put the token in --git-token-file FILE or DRIFTLESS_GIT_TOKEN");
        }
    }

    /**
     * What the {@code --allow-*} flags let manifests ask of this host.
     *
     * @throws IllegalArgumentException naming the flag whose value is wrong
     */
    public static Allowances allowances(HostPolicyOptions flags) {
        return new Allowances(flags.privileged, flags.hostNetwork, flags.hostPid, new LinkedHashSet<>(flags.capabilities),
                new LinkedHashSet<>(flags.devices), flags.volumePaths, flags.dockerSocket);
    }

    static Credentials credentials(AgentOptions o, Map<String, String> environment) throws SourceException {
        if (o.sshKeyFile != null) {
            return new Credentials.SshKey(o.sshKeyFile, o.sshKnownHosts);
        }
        if (o.gitTokenFile != null) {
            return Credentials.HttpsToken.fromFile(o.gitUsername, o.gitTokenFile);
        }
        if (environment.containsKey("DRIFTLESS_GIT_TOKEN")) {
            return Credentials.HttpsToken.fromEnvironment(o.gitUsername, "DRIFTLESS_GIT_TOKEN", environment);
        }
        return new Credentials.None();
    }

    @Override
    public Reconciler reconciler() {
        return reconciler;
    }

    public Ledger ledger() {
        return ledger;
    }

    @Override
    public BackupRunner backups() {
        return backups;
    }

    /** Where outlets subscribe (metrics, notifications); the journal and the rollout recorder already do. */
    @Override
    public void showStepsWith(io.driftless.events.EventSink outlet) {
        if (loudAgain == null) {
            loudAgain = LogOutput.quiet(io.driftless.rollout.Journal.STEPS);
        }
        events.subscribeFirst(outlet);
    }

    public EventBus events() {
        return events;
    }

    @Override
    public void close() {
        notifier.close(); // delivers what is queued (bounded wait) while the rest is still open
        if (loudAgain != null) {
            loudAgain.run();
            loudAgain = null;
        }
        git.close();
        docker.close();
        ledger.close();
    }

}
