package io.driftless.plan;

import io.driftless.desired.Durations;
import io.driftless.desired.Service;
import io.driftless.live.Slot;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One thing the executor does; each becomes one driver call (or one wait). The planner emits them in the
 * order they must run: clean-ups, snapshots, candidates, health gates, recreates, the ONE route switch, monitor,
 * drain, retirement of the old slots.
 */
public sealed interface Step {

    /** The service the step is about, or null for steps about the whole host (the route switch). */
    String service();

    /** One line for logs, the ledger and {@code driftless plan}. */
    String describe();

    /** Stop and remove a container that serves no traffic (stale, exited, a leftover candidate). */
    record RemoveContainer(String service, Slot slot, String containerId, String why) implements Step {
        public String describe() {
            return "remove " + slot.label() + " container " + shortId(containerId) + " (" + why + ")";
        }
    }

    /** Start again a container of the current spec that was stopped by hand. */
    record StartContainer(String service, Slot slot, String containerId) implements Step {
        public String describe() {
            return "start stopped " + slot.label() + " container " + shortId(containerId);
        }
    }

    /**
     * Back up {@code backup} (kind snapshot) before {@code service}'s new candidate starts, since its start-up may
     * migrate the schema. Every snapshot of a plan comes before its first candidate, so a failed one fails the rollout
     * before anything starts. With {@code restoreOnFailure}, a rollout that fails after the candidate started puts the
     * snapshot back when the schema changed since (DESIGN.md, "Backups: semantics").
     */
    record TakeSnapshot(String service, String backup, boolean restoreOnFailure) implements Step {
        public String describe() {
            return "snapshot backup " + backup + " before the new candidate starts"
                    + (restoreOnFailure ? " (restored if the rollout fails after it started and the schema changed)" : "");
        }
    }

    /** Create and start a container of {@code spec} in {@code slot}. */
    record CreateCandidate(String service, Slot slot, Service spec) implements Step {
        public String describe() {
            return "start " + spec.image() + " in " + slot.label();
        }
    }

    /** Probe the container in {@code slot} until its health gate passes or its deadline runs out. */
    record AwaitHealthy(String service, Slot slot, Service.Health health, int port) implements Step {
        public String describe() {
            return "wait until " + slot.label() + " answers " + health.path() + " with 2xx " + health.successes()
                    + " times in a row (deadline " + Durations.format(health.deadline()) + ")";
        }
    }

    /** Load ONE proxy config routing each service to its slot: every route moves at once. */
    record SwitchRoutes(Map<String, Slot> targets) implements Step {
        public SwitchRoutes {
            targets = Map.copyOf(targets);
        }

        public String service() {
            return null;
        }

        public String describe() {
            return targets.isEmpty() ? "load proxy config with no routes"
                    : "switch routes: " + targets.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "→" + e.getValue().label()).reduce((a, b) -> a + ", " + b).orElse("");
        }
    }

    /** Keep watching the new containers; if one fails, routes go back to the old slots. */
    record Monitor(Map<String, Slot> watched, Duration window) implements Step {
        public Monitor {
            watched = Map.copyOf(watched);
        }

        public String service() {
            return null;
        }

        public String describe() {
            return "monitor " + String.join(", ", watched.keySet().stream().sorted().toList()) + " for "
                    + Durations.format(window);
        }
    }

    /** Let the old containers finish in-flight requests before they stop. */
    record Drain(Duration duration, List<String> services) implements Step {
        public Drain {
            services = List.copyOf(services);
        }

        public String service() {
            return null;
        }

        public String describe() {
            return "drain old containers for " + Durations.format(duration) + " (never less than Caddy's shutdown delay + 1s)";
        }
    }

    /** Stop and remove an old container after the switch and the drain. */
    record Retire(String service, Slot slot, String containerId) implements Step {
        public String describe() {
            return "retire old " + slot.label() + " container " + shortId(containerId);
        }
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
