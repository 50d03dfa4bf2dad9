package io.driftless.health;

import java.net.URI;
import java.time.Duration;

/** One HTTP GET from the agent to a container. */
@FunctionalInterface
public interface HealthProbe {
    ProbeResult probe(URI uri, Duration timeout);
}
