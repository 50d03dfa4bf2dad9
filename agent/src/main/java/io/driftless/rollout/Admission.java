package io.driftless.rollout;

import io.driftless.desired.Manifest;

import java.util.List;

/**
 * The host's own rules for what a manifest may ask for (privileged containers, host namespaces, the Docker
 * socket, ...). They live in the agent's config, not in the repository, which may be compromised.
 */
@FunctionalInterface
public interface Admission {
    Admission ALLOW_ALL = manifest -> List.of();

    /** Every rule the manifest breaks, each naming the service and the key; empty when it may run. */
    List<String> violations(Manifest manifest);
}
