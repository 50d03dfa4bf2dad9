package io.driftless.plan;

import java.util.List;

/**
 * What one pass will do to bring the host to a commit's desired state. Empty when the host already runs it.
 *
 * @param revision the commit the plan converges to
 * @param changes  what changes, per service, for humans
 * @param steps    what the executor does, in order
 */
public record Plan(String revision, List<Change> changes, List<Step> steps) {
    public Plan {
        changes = List.copyOf(changes);
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
