package io.driftless.cli;

import io.driftless.desired.Backup;
import io.driftless.rollout.Reconciler;

import java.util.List;

import static io.driftless.events.Commits.shortSha;

/** The backup policies a backup, drill or restore command runs: all of the host's manifest, or the one named. */
final class Policies {
    private Policies() {
    }

    /**
     * @param name the policy asked for, or null for every one
     * @throws IllegalArgumentException naming the commit and the policies it has, when {@code name} is not one of them
     *                                  or the manifest has none
     */
    static List<Backup> chosen(Reconciler.HostManifest host, String name) {
        List<Backup> all = List.copyOf(host.manifest().backups().values());
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the manifest of commit " + shortSha(host.commit()) + " has no backups: "
                    + "add a backups: section to driftless.yaml (see manifests-example/driftless.yaml)");
        }
        if (name == null) {
            return all;
        }
        return all.stream().filter(b -> b.name().equals(name)).findFirst().map(List::of).orElseThrow(() ->
                new IllegalArgumentException("the manifest of commit " + shortSha(host.commit()) + " has no backup " + name
                        + "; it has " + String.join(", ", all.stream().map(Backup::name).toList())));
    }
}
