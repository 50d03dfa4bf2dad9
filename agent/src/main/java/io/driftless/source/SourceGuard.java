package io.driftless.source;

import static io.driftless.events.Commits.shortSha;

import io.driftless.events.Reason;
import io.driftless.rollout.SourceGate.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarded Git source: decides whether a new tip may be applied at all, before its manifest is read.
 *
 * <ol>
 *   <li>History only moves forward: the tip must descend from the last applied commit, else {@code NonFastForward}
 *       (a force-push that rewound or replaced the branch), unless the agent's own config allows it.</li>
 *   <li>When signers are configured, every commit the move brings in ({@code lastApplied..tip}, merges included)
 *       must carry a valid signature by one of their keys, else {@code SignatureInvalid} naming the first commit
 *       that fails. Before anything was applied, the range starts at {@code trustFrom} when it is set, and is the
 *       tip alone otherwise (its signature covers the tree that is deployed).</li>
 * </ol>
 * Everything it trusts comes from the agent's configuration, never from the repository.
 */
public final class SourceGuard {
    /** How many further failing commits a refusal lists by short SHA. */
    static final int LISTED_FAILURES = 5;
    private static final Logger log = LoggerFactory.getLogger(SourceGuard.class);

    private final GitSource git;
    private final boolean allowNonFastForward;
    private final TrustedSigners signers;
    private final String trustFrom;

    /**
     * @param signers who must have signed the new commits; null turns signature checks off
     * @param trustFrom with signers: the commit the operator vouches for, where checks start before the first
     *     apply; null checks only the tip then
     */
    public SourceGuard(GitSource git, boolean allowNonFastForward, TrustedSigners signers, String trustFrom) {
        if (trustFrom != null && signers == null) {
            throw new IllegalArgumentException("--trust-from only matters with signature checks: set"
                    + " --trusted-gpg-keys or --allowed-signers too, or drop --trust-from");
        }
        this.git = git;
        this.allowNonFastForward = allowNonFastForward;
        this.signers = signers;
        this.trustFrom = trustFrom;
    }

    /**
     * Why {@code tip} must not be applied, or empty when it may be.
     *
     * @param lastApplied the last known-good commit, or null before the first apply
     * @throws SourceException when the clone cannot be read or the configuration cannot work (a trust file gone,
     *     {@code --trust-from} not in the repository): nothing is blamed on the commit then
     */
    public Optional<Refusal> check(String lastApplied, String tip) throws SourceException {
        String base = lastApplied != null ? lastApplied : trustFrom;
        if (base != null && !git.isAncestor(base, tip)) {
            if (lastApplied == null && !git.contains(trustFrom)) {
                throw new SourceException(SourceException.Reason.BAD_CONFIGURATION, "the --trust-from commit " + trustFrom + " is not"
                        + " in branch '" + git.config().branch() + "' of " + git.config().displayUrl()
                        + "; give a full SHA of a commit on that branch");
            }
            if (!allowNonFastForward) {
                return Optional.of(nonFastForward(base, lastApplied != null, tip));
            }
            log.warn("commit={} follows a rewritten history: it does not descend from {} {}; allowed by"
                    + " --allow-non-fast-forward", tip, lastApplied != null ? "the last applied commit" : "--trust-from",
                    base);
        }
        if (signers == null) {
            return Optional.empty();
        }
        signers.requireFiles();
        List<RawCommit> range = base == null ? List.of(git.rawCommit(tip)) : git.commitsSince(base, tip);
        List<Failure> failures = new ArrayList<>();
        for (RawCommit commit : range) {
            SignatureCheck check = signers.verify(commit.raw());
            if (!check.passed()) {
                failures.add(new Failure(commit.info(), check));
            }
        }
        if (failures.isEmpty()) {
            if (range.isEmpty()) {
                return Optional.empty(); // the tip is the applied commit: nothing new to check, nothing to say each poll
            }
            log.info("commit={} signatures checked: {} new commit(s), all signed by keys in {}", tip, range.size(),
                    signers.files());
            return Optional.empty();
        }
        return Optional.of(signatureInvalid(failures, base, lastApplied != null, tip));
    }

    private record Failure(CommitInfo commit, SignatureCheck check) {
    }

    private Refusal nonFastForward(String base, boolean isLastApplied, String tip) throws SourceException {
        CommitInfo tipInfo = git.describe(tip);
        String baseName = git.contains(base) ? name(git.describe(base)) : shortSha(base) + " (no longer in the"
                + " repository)";
        String branch = git.config().branch();
        String message = "commit " + name(tipInfo) + " does not descend from "
                + (isLastApplied ? "the last applied commit " : "the --trust-from commit ") + baseName
                + ": branch '" + branch + "' was force-pushed to a rewritten or unrelated history, so the host stays on "
                + shortSha(base) + ". If that was not meant, push the lost history back (git push --force origin "
                + base + ":" + branch + ") or commit on top of " + shortSha(base) + "; if it was, let the agent follow"
                + " it with --allow-non-fast-forward and run 'driftless reconcile --retry'";
        return new Refusal(Reason.NON_FAST_FORWARD, tip, message);
    }

    private Refusal signatureInvalid(List<Failure> failures, String base, boolean isLastApplied, String tip) {
        Failure first = failures.getFirst();
        String scope = base == null
                ? "the first commit the agent applies must be signed by a key in " + signers.files()
                        + " (--trust-from checks a longer history)"
                : "every commit after " + (isLastApplied ? "the last applied commit " : "the --trust-from commit ")
                        + shortSha(base) + " up to the tip " + shortSha(tip) + " must be signed by a key in "
                        + signers.files();
        StringBuilder message = new StringBuilder("commit " + name(first.commit()) + " " + first.check().why() + "; "
                + scope + ".");
        if (failures.size() > 1) {
            message.append(" ").append(failures.size() - 1).append(" more commit(s) in the range fail too: ")
                    .append(String.join(", ", failures.stream().skip(1).limit(LISTED_FAILURES)
                            .map(f -> f.commit().shortSha()).toList()))
                    .append(failures.size() - 1 > LISTED_FAILURES ? ", ..." : "").append(".");
        }
        message.append(" Re-sign them and force-push (git rebase --exec 'git commit --amend --no-edit -S' ")
                .append(base == null ? "PARENT" : shortSha(base))
                .append("), or, if the key is legitimate, add it to ").append(signers.files())
                .append(" and run 'driftless reconcile --retry'");
        return new Refusal(Reason.SIGNATURE_INVALID, first.commit().sha(), message.toString());
    }

    private static String name(CommitInfo commit) {
        return commit.shortSha() + " (\"" + commit.subject() + "\")";
    }
}
