package io.driftless.live;

import java.time.Instant;
import java.util.Objects;

/**
 * A managed container as Docker reports it, rebuilt from its labels and state alone.
 *
 * @param spec     the {@code io.driftless.spec} label: the hash of the spec it was created from
 * @param image    the image the container really runs (Config.Image), to catch hand edits
 * @param running  true while Docker says the container is running (not restarting, not exited)
 * @param address  its IP address on the agent's network, or null when it has none (stopped)
 */
public record LiveContainer(String id, String name, String service, Slot slot, String spec, String revision,
                            String image, boolean running, String address, Instant created) {
    public LiveContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(slot, "slot");
    }
}
