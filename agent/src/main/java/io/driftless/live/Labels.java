package io.driftless.live;

/** The Docker labels that make a container the agent's (see docs/architecture.md, "Ownership"). */
public final class Labels {
    public static final String MANAGED = "io.driftless.managed";
    public static final String SERVICE = "io.driftless.service";
    public static final String SLOT = "io.driftless.slot";
    public static final String SPEC = "io.driftless.spec";
    public static final String REVISION = "io.driftless.revision";
    /** Which agent instance owns the container, so several agents (or test runs) can share a host. */
    public static final String INSTANCE = "io.driftless.instance";

    private Labels() {
    }
}
