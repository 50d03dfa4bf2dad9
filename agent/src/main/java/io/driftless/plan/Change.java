package io.driftless.plan;

/**
 * What a plan changes about one service, for humans: {@code driftless plan} prints one line each.
 *
 * @param what e.g. "image", "configuration", "routes", "added", "removed", "restored"
 * @param from the old value, or null when there was none
 * @param to   the new value, or null when there will be none
 */
public record Change(String service, String what, String from, String to) {
    @Override
    public String toString() {
        if (from == null && to == null) {
            return service + " " + what;
        }
        if (from == null) {
            return service + " " + what + ": " + to;
        }
        return service + " " + what + ": " + from + " → " + (to == null ? "(none)" : to);
    }
}
