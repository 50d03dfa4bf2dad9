package io.driftless.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes offsite what rotation deleted locally, by the same decision: only names the agent writes for the policy,
 * only those present offsite, never a file of another tool or another policy in the same folder.
 */
public record OffsitePrune(OffsiteStore store) {

    /**
     * @param deleted the file names gone offsite, in the order they went
     * @param failed  one failed step per name that could not be deleted; the rest were still tried
     */
    public record Outcome(List<String> deleted, List<OffsiteResult.Failed> failed) {
        public Outcome {
            deleted = List.copyOf(deleted);
            failed = List.copyOf(failed);
        }
    }

    public Outcome prune(String policy, RotationDecision decision) {
        if (decision.deleted().isEmpty()) {
            return new Outcome(List.of(), List.of());
        }
        Set<String> present;
        try {
            present = new HashSet<>(store.list());
        } catch (IOException e) {
            return new Outcome(List.of(), List.of(new OffsiteResult.Failed(OffsiteStep.PRUNE, "cannot list the offsite folder: " + e.getMessage())));
        }
        List<String> deleted = new ArrayList<>();
        List<OffsiteResult.Failed> failed = new ArrayList<>();
        for (String name : doomed(policy, decision)) {
            if (!present.contains(name)) {
                continue;
            }
            try {
                store.delete(name);
                deleted.add(name);
            } catch (IOException e) {
                failed.add(new OffsiteResult.Failed(OffsiteStep.PRUNE, "cannot delete the offsite copy " + name + ": " + e.getMessage()));
            }
        }
        return new Outcome(deleted, failed);
    }

    /** The names rotation's decision deletes, of the agent's own backups only; pure. */
    static List<String> doomed(String policy, RotationDecision decision) {
        return decision.deleted().stream().filter(RecordedBackup::own)
                .flatMap(backup -> OffsiteNames.of(policy, backup.at()).stream())
                .filter(name -> OffsiteNames.owns(policy, name))
                .toList();
    }
}
