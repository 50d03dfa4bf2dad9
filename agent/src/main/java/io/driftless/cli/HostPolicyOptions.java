package io.driftless.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The host policy's flags ({@code --allow-*}): what manifests may ask of this host. They belong to the agent's
 * config (flags, environment, config file), never to the repository, which may be compromised. In the environment
 * or the config file, a repeatable flag takes a comma-separated list ({@code allow-capability = NET_ADMIN,SYS_TIME}).
 */
public final class HostPolicyOptions {
    @Option(names = "--allow-privileged", description = "Let manifests run privileged containers (root on the host).")
    public boolean privileged;

    @Option(names = "--allow-host-network", description = "Let manifests use network: host.")
    public boolean hostNetwork;

    @Option(names = "--allow-host-pid", description = "Let manifests use pid: host.")
    public boolean hostPid;

    @Option(names = "--allow-capability", paramLabel = "NAME", split = ",",
            description = "A capability manifests may add beyond Docker's defaults, like NET_ADMIN (repeatable; ALL allows any).")
    public List<String> capabilities = new ArrayList<>();

    @Option(names = "--allow-device", paramLabel = "PATH", split = ",",
            description = "A host device manifests may give to a container, like /dev/fuse (repeatable).")
    public List<String> devices = new ArrayList<>();

    @Option(names = "--allow-volume-path", paramLabel = "DIR", split = ",",
            description = "A host folder manifests may mount (or mount from inside); repeatable. Default: none, only named volumes.")
    public List<String> volumePaths = new ArrayList<>();

    @Option(names = "--allow-docker-socket",
            description = "Let manifests mount the Docker socket (root on the host; for tools that manage containers).")
    public boolean dockerSocket;
}
