package io.driftless.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The flags shared by {@code run}, {@code reconcile} and {@code plan}. Each also reads from the environment
 * ({@code --state-dir} from {@code DRIFTLESS_STATE_DIR}, ...) and from the config file; a flag wins over both.
 * Secrets never come from flags (they show in {@code ps}): only from files or the environment.
 */
public final class AgentOptions {
    @Option(names = "--repo", paramLabel = "URL", required = true,
            description = "Git repository of the desired state (https://, ssh://, git@host:path, file://).")
    public String repo;

    @Option(names = "--branch", paramLabel = "NAME", defaultValue = "main", description = "Branch to follow (default: ${DEFAULT-VALUE}).")
    public String branch;

    @Option(names = "--path", paramLabel = "DIR", defaultValue = ".",
            description = "Folder inside the repository that holds driftless.yaml (default: ${DEFAULT-VALUE}).")
    public String path;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Time between passes of 'run' (default: ${DEFAULT-VALUE}).")
    public Duration interval;

    @Option(names = "--jitter", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Up to this much is added at random to each wait, so many agents do not poll in step "
                    + "(default: a tenth of --interval, at most 3s).")
    public Duration jitter;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/driftless",
            description = "Where the ledger, the Git cache and the host lock live (default: ${DEFAULT-VALUE}).")
    public Path stateDir;

    @Option(names = "--caddy-admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:2019",
            description = "Caddy's admin API; the agent owns Caddy's whole config (default: ${DEFAULT-VALUE}).")
    public String caddyAdmin;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7878",
            description = "Where 'run' serves /healthz, /status, /hooks/git and /reconcile (default: ${DEFAULT-VALUE}); 'off' serves nothing.")
    public String listen;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE",
            description = "File holding the push webhook's HMAC secret (or set DRIFTLESS_WEBHOOK_SECRET); without one, POST /hooks/git answers 403.")
    public Path webhookSecretFile;

    @Option(names = "--reconcile-token-file", paramLabel = "FILE",
            description = "File holding the bearer token of POST /reconcile (or set DRIFTLESS_RECONCILE_TOKEN); without one, it answers 403.")
    public Path reconcileTokenFile;

    @Option(names = "--stuck-after", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "A pass running longer than this makes GET /healthz answer 503, so a supervisor can restart the agent (default: ${DEFAULT-VALUE}).")
    public Duration stuckAfter;

    @Option(names = "--instance", paramLabel = "NAME", defaultValue = "driftless",
            description = "Names this agent's containers (<instance>-<service>-<slot>) and its Docker network (default: ${DEFAULT-VALUE}).")
    public String instance;

    @Option(names = "--network", paramLabel = "NAME",
            description = "Docker network of the services (default: the instance name).")
    public String network;

    @Option(names = "--shutdown-delay", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How long Caddy's old server keeps answering after a switch, telling clients to reconnect; "
                    + "old containers always outlive a switch by more than this (default: ${DEFAULT-VALUE}).")
    public Duration shutdownDelay;

    @Option(names = "--git-token-file", paramLabel = "FILE",
            description = "File holding an HTTPS access token for the repository (or set DRIFTLESS_GIT_TOKEN).")
    public Path gitTokenFile;

    @Option(names = "--git-username", paramLabel = "NAME", defaultValue = "git",
            description = "User name sent with the HTTPS token (default: ${DEFAULT-VALUE}; GitHub takes x-access-token).")
    public String gitUsername;

    @Option(names = "--ssh-key-file", paramLabel = "FILE", description = "Private key for ssh:// repositories.")
    public Path sshKeyFile;

    @Option(names = "--ssh-known-hosts", paramLabel = "FILE",
            description = "known_hosts file that holds the Git server's host key (required with --ssh-key-file).")
    public Path sshKnownHosts;

    @Option(names = "--git-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long one fetch may take (default: ${DEFAULT-VALUE}).")
    public Duration gitTimeout;

    @Option(names = "--allow-non-fast-forward", defaultValue = "false",
            description = "Follow the branch even when it was force-pushed to a history that does not contain the last applied commit (default: refuse, reason NonFastForward).")
    public boolean allowNonFastForward;

    @Option(names = "--trusted-gpg-keys", paramLabel = "FILE",
            description = "Armored OpenPGP public keys (gpg --export --armor); every new commit must be signed by one of them or an --allowed-signers key.")
    public Path trustedGpgKeys;

    @Option(names = "--allowed-signers", paramLabel = "FILE",
            description = "OpenSSH allowed_signers file; every new commit must be signed by one of its keys or a --trusted-gpg-keys key.")
    public Path allowedSigners;

    @Option(names = "--trust-from", paramLabel = "COMMIT",
            description = "With signature checks, before the first apply: check every commit after this one (default: the tip alone).")
    public String trustFrom;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file ('flag-name = value' lines) read for flags not given (default: DRIFTLESS_CONFIG, else /etc/driftless/driftless.conf if present).")
    public java.nio.file.Path config;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC", converter = ZoneConverter.class,
            description = "Time zone of the backup schedules and of rotation's days, weeks and months (default: ${DEFAULT-VALUE}), e.g. Europe/Berlin.")
    public java.time.ZoneId timeZone;

    @Option(names = "--backup-timeout", paramLabel = "DURATION", defaultValue = "2h", converter = DurationConverter.class,
            description = "How long one client program of a backup, drill or restore may run, and how long a backup waits for "
                    + "its database to be free; a scheduled backup running longer makes /healthz answer 503 (default: ${DEFAULT-VALUE}).")
    public Duration backupTimeout;

    @Option(names = "--rclone-config", paramLabel = "FILE",
            description = "rclone's config file holding the remotes of rclone: offsite targets (default: rclone's own, ~/.config/rclone/rclone.conf).")
    public Path rcloneConfig;

    @Option(names = "--notify", paramLabel = "URL", split = "[,\\s]+", splitSynopsisLabel = ",",
            description = "Where failures, rollbacks, recoveries, backup and drill results are sent; repeatable. A Discord or "
                    + "Slack incoming-webhook URL as the service hands it out, or any http(s) URL for a generic JSON POST. "
                    + "The URL is a secret: prefer DRIFTLESS_NOTIFY or the config file (several URLs separated by commas or spaces).")
    public java.util.List<String> notify = new java.util.ArrayList<>();

    @Option(names = "--notify-secret-file", paramLabel = "FILE",
            description = "File holding the HMAC secret that signs the generic notifications (X-Signature: sha256=...).")
    public Path notifySecretFile;

    @Option(names = "--notify-source-down-after", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long the repository must be unreadable before a notification is sent (default: ${DEFAULT-VALUE}).")
    public Duration notifySourceDownAfter;
    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            description = "text: one line per event for humans, on stderr (default). json: one JSON object per line "
                    + "(time, level, commit, service, backup, event, message) on stdout, which then carries nothing else.")
    public LogFormat logFormat = LogFormat.text;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", converter = ParallelConverter.class,
            description = "How many services' new containers are created and health-gated at once in one rollout; the route "
                    + "switch still moves every route at once, after all of them passed (default: ${DEFAULT-VALUE}; 1: one at a time).")
    public int parallel = 4;

    @Mixin
    public HostPolicyOptions hostPolicy = new HostPolicyOptions();

    @Mixin
    public LedgerOptions ledger = new LedgerOptions();

    public String network() {
        return network == null || network.isBlank() ? instance : network;
    }
}
