package io.driftless.source;

import static io.driftless.events.Commits.shortSha;

import io.driftless.source.SourceException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's read-only view of the configured repository: fetches one branch into a bare clone in the state dir
 * and reads files, ancestry and commit details straight from its object database. It never pushes and has no work
 * tree. A force-push is reported as the new tip; whether to follow it is the caller's policy.
 */
public final class GitSource implements AutoCloseable {
    /** Manifests are small; anything bigger is a mistake, and reading it whole would cost the agent's heap. */
    static final int MAX_FILE_BYTES = 8 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(GitSource.class);

    private final SourceConfig config;
    private final RemoteAccess access;
    private final LocalClone clone;
    private Repository repository;

    public GitSource(SourceConfig config) {
        this.config = config;
        this.access = new RemoteAccess(config);
        this.clone = new LocalClone(config, access);
    }

    public SourceConfig config() {
        return config;
    }

    /**
     * Brings the local clone up to date with the remote branch (cloning it the first time) and returns the full
     * SHA of the branch tip.
     */
    public synchronized String fetch() throws SourceException {
        access.checkLocalFiles();
        // A plan beside the running agent fetches into the same clone: one at a time, or each would take the
        // other's lock files for damage and clone again under its feet.
        try (CacheLock ignored = CacheLock.acquire(config.cacheDir(), config.timeout().multipliedBy(2).plusSeconds(10))) {
            return fetchLocked();
        }
    }

    private String fetchLocked() throws SourceException {
        if (opened() == null) {
            repository = clone.cloneFresh();
            return tipAfterClone();
        }
        try {
            return fetchInto(repository);
        } catch (SourceException e) {
            if (e.reason() != Reason.LOCAL_CACHE) {
                throw e;
            }
            log.warn("Fetching into {} failed because the clone is damaged; cloning again: {}",
                    config.cacheDir(), e.getMessage());
            closeRepository();
            clone.remove();
            repository = clone.cloneFresh();
            return tipAfterClone();
        }
    }

    /**
     * The bytes of {@code relativePath} (relative to the configured path) at {@code commit}; empty when no such
     * file exists there. Decoding is the reader's: the manifest parser reports bad UTF-8 at its line and column.
     */
    public synchronized Optional<byte[]> readFile(String commit, String relativePath) throws SourceException {
        String path = config.repositoryPath(relativePath);
        Repository repo = require();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit found = parse(walk, commit);
            if (found == null) {
                throw unknownCommit(commit);
            }
            try (TreeWalk tree = TreeWalk.forPath(repo, path, found.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                FileMode mode = tree.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    throw new SourceException(Reason.UNREADABLE_FILE, path + " at commit " + shortSha(commit)
                            + " is a " + describe(mode) + ", not a file; commit the file itself at that path");
                }
                byte[] bytes = repo.open(tree.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(MAX_FILE_BYTES);
                return Optional.of(bytes);
            }
        } catch (LargeObjectException e) {
            throw new SourceException(Reason.UNREADABLE_FILE, path + " at commit " + shortSha(commit)
                    + " is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; keep manifests small");
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /**
     * True when {@code ancestor} is {@code descendant} or one of its ancestors, i.e. moving from one to the other
     * is a fast-forward. False when either commit is not in the local clone.
     */
    public synchronized boolean isAncestor(String ancestor, String descendant) throws SourceException {
        Repository repo = opened();
        if (repo == null) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit base = parse(walk, ancestor);
            RevCommit tip = parse(walk, descendant);
            return base != null && tip != null && walk.isMergedInto(base, tip);
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /** Who committed {@code sha}, when, and why (its subject line). */
    public synchronized CommitInfo describe(String sha) throws SourceException {
        return rawCommit(sha).info();
    }

    /** True when {@code sha} names a commit in the local clone. */
    public synchronized boolean contains(String sha) throws SourceException {
        Repository repo = opened();
        if (repo == null) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return parse(walk, sha) != null;
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /**
     * The commits reachable from {@code tip} and not from {@code since}, merges included, oldest first: what moving
     * from {@code since} to {@code tip} brings in. When {@code since} is null or not in the clone, all of the tip's
     * history. Each comes with its raw object, so signatures can be checked over the exact bytes.
     */
    public synchronized List<RawCommit> commitsSince(String since, String tip) throws SourceException {
        Repository repo = require();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit head = parse(walk, tip);
            if (head == null) {
                throw unknownCommit(tip);
            }
            walk.markStart(head);
            RevCommit base = parse(walk, since);
            if (base != null) {
                walk.markUninteresting(base);
            }
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.REVERSE, true);
            List<RawCommit> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                commits.add(new RawCommit(info(walk, commit), commit.getRawBuffer().clone()));
            }
            return commits;
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    /** One commit with its raw object, for a signature check of the tip alone. */
    public synchronized RawCommit rawCommit(String sha) throws SourceException {
        Repository repo = require();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = parse(walk, sha);
            if (commit == null) {
                throw unknownCommit(sha);
            }
            return new RawCommit(info(walk, commit), commit.getRawBuffer().clone());
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private static CommitInfo info(RevWalk walk, RevCommit commit) throws IOException {
        PersonIdent author = commit.getAuthorIdent();
        return new CommitInfo(commit.name(), author.getName() + " <" + author.getEmailAddress() + ">",
                commit.getCommitterIdent().getWhenAsInstant(), commit.getShortMessage());
    }

    @Override
    public synchronized void close() {
        closeRepository();
        access.close();
    }

    private String fetchInto(Repository repo) throws SourceException {
        String branchRef = config.branchRef();
        FetchResult result;
        try (Git git = Git.wrap(repo)) {
            // "+" force-updates the local ref, so a rewritten branch is seen as it is, not silently kept old.
            result = access.apply(git.fetch()
                    .setRemote("origin")
                    .setRefSpecs(new RefSpec("+" + branchRef + ":" + branchRef))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRemoveDeletedRefs(false))
                    .call();
        } catch (SourceException e) {
            throw e;
        } catch (Exception e) {
            throw FetchFailure.explain(e, config);
        }
        Ref advertised = result.getAdvertisedRef(branchRef);
        if (advertised == null || advertised.getObjectId() == null) {
            throw new SourceException(Reason.BRANCH_NOT_FOUND, FetchFailure.missingBranch(config));
        }
        TrackingRefUpdate update = result.getTrackingRefUpdate(branchRef);
        if (update != null) {
            switch (update.getResult()) {
                case FORCED -> log.warn("commit {}: branch {} of {} was force-pushed: its history was rewritten (it was at {})",
                        shortSha(update.getNewObjectId().name()), config.branch(), config.displayUrl(),
                        shortSha(update.getOldObjectId().name()));
                case NEW, FAST_FORWARD -> log.debug("Fetched {} {}: now at {}", config.displayUrl(), config.branch(),
                        update.getNewObjectId().name());
                case NO_CHANGE -> { }
                default -> throw new SourceException(Reason.LOCAL_CACHE, "could not update " + branchRef + " in "
                        + config.cacheDir() + " (" + update.getResult() + ")");
            }
        }
        return verifiedTip(repo, advertised.getObjectId());
    }

    private String tipAfterClone() throws SourceException {
        try {
            Ref tip = repository.exactRef(config.branchRef());
            if (tip == null || tip.getObjectId() == null) {
                // The clone succeeded but brought no such branch; a later fetch names it explicitly and fails clearly.
                return fetchInto(repository);
            }
            return verifiedTip(repository, tip.getObjectId());
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private String verifiedTip(Repository repo, ObjectId tip) throws SourceException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(tip).name();
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private static RevCommit parse(RevWalk walk, String revision) throws IOException {
        if (revision == null || !ObjectId.isId(revision)) {
            return null;
        }
        try {
            return walk.parseCommit(ObjectId.fromString(revision));
        } catch (org.eclipse.jgit.errors.MissingObjectException
                 | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return null;
        }
    }

    private Repository opened() throws SourceException {
        if (repository == null) {
            repository = clone.openExisting();
        }
        return repository;
    }

    private Repository require() throws SourceException {
        Repository repo = opened();
        if (repo == null) {
            throw new SourceException(Reason.UNKNOWN_COMMIT, "there is no local clone in " + config.cacheDir()
                    + " yet; fetch from " + config.displayUrl() + " first");
        }
        return repo;
    }

    private SourceException unknownCommit(String commit) {
        return new SourceException(Reason.UNKNOWN_COMMIT, "commit " + commit + " is not in the local clone of "
                + config.displayUrl() + " (branch '" + config.branch() + "'); it may have been fetched from another"
                + " branch or repository, or the clone in " + config.cacheDir() + " was replaced");
    }

    private SourceException damaged(IOException e) {
        return new SourceException(Reason.LOCAL_CACHE, "cannot read the local clone in " + config.cacheDir() + " ("
                + e + "); the next fetch replaces it if it is damaged", e);
    }

    private static String describe(FileMode mode) {
        if (mode == FileMode.TREE) {
            return "directory";
        }
        if (mode == FileMode.SYMLINK) {
            return "symbolic link";
        }
        if (mode == FileMode.GITLINK) {
            return "submodule";
        }
        return "special entry";
    }

    private void closeRepository() {
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }
}
