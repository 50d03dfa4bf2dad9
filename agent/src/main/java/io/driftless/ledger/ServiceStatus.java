package io.driftless.ledger;

import java.util.Comparator;
import java.util.Objects;

/**
 * What the agent last saw of one service, as {@code status} shows it. Only {@code name} is required: a
 * service the manifest wants but Docker does not run has no container, slot or state. Field names are
 * part of the {@code status --json} contract.
 *
 * @param name      the service's key in {@code driftless.yaml}
 * @param image     the image reference the container runs
 * @param revision  full commit SHA the running container was created from
 * @param slot      {@code blue} or {@code green}
 * @param container Docker container name or id
 * @param state     {@code serving} (Caddy routes to it), {@code running} (not routed: a worker, or a candidate) or {@code stopped}
 */
public record ServiceStatus(String name, String image, String revision, String slot, String container, String state) {
    public ServiceStatus {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("service name is blank");
        }
    }

    /** The order {@code status} lists services in. */
    public static final Comparator<ServiceStatus> BY_NAME = Comparator.comparing(ServiceStatus::name);
}
