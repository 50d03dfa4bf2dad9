package io.driftless.source;

import io.driftless.source.SourceException.Reason;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare clone in the state dir: reopened after a restart, cloned when absent, replaced when damaged or when it
 * was made for another URL. It only ever deletes a directory that carries its own marker file, so a mistyped
 * state dir cannot make it wipe someone's data.
 */
final class LocalClone {
    static final String MARKER = "driftless-source-cache";
    private static final Logger log = LoggerFactory.getLogger(LocalClone.class);

    private final SourceConfig config;
    private final RemoteAccess access;

    LocalClone(SourceConfig config, RemoteAccess access) {
        this.config = config;
        this.access = access;
    }

    /** The existing clone if it is sound and of the configured URL; empty (after removing it) otherwise. */
    Repository openExisting() throws SourceException {
        Path dir = config.cacheDir();
        if (!Files.exists(dir) || isEmptyDirectory(dir)) {
            return null;
        }
        if (!Files.isRegularFile(dir.resolve(MARKER))) {
            throw new SourceException(Reason.LOCAL_CACHE, dir + " exists but is not a clone made by Driftless;"
                    + " move it away or point the state dir somewhere else");
        }
        Repository repository = null;
        try {
            repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).setBare().build();
            String url = repository.getConfig().getString("remote", "origin", "url");
            if (!config.url().equals(url)) {
                log.info("commit -: the local clone in {} is of another repository; cloning {} again", dir, config.displayUrl());
                repository.close();
                remove();
                return null;
            }
            Ref tip = repository.exactRef(config.branchRef());
            if (tip != null) {
                RevCommit commit = repository.parseCommit(tip.getObjectId());
                repository.open(commit.getTree()).getSize();
            }
            return repository;
        } catch (IOException | RuntimeException e) {
            log.warn("The local clone in {} is damaged ({}); cloning {} again", dir, e.toString(), config.displayUrl());
            if (repository != null) {
                repository.close();
            }
            remove();
            return null;
        }
    }

    /**
     * Clones only the configured branch into a sibling directory, then moves it into place, so the cache dir
     * holds either a complete clone or nothing even if the agent is killed half way.
     */
    Repository cloneFresh() throws SourceException {
        Path dir = config.cacheDir();
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        try {
            Files.createDirectories(dir.getParent());
            deleteTree(partial);
        } catch (IOException e) {
            throw cacheFailure("cannot prepare " + partial, e);
        }
        log.info("commit -: cloning {} (branch {}) into {}", config.displayUrl(), config.branch(), dir);
        try (Git git = access.apply(Git.cloneRepository()
                .setURI(config.url())
                .setDirectory(partial.toFile())
                .setBare(true)
                .setNoCheckout(true)
                .setCloneAllBranches(false)
                .setBranchesToClone(List.of(config.branchRef()))
                .setBranch(config.branchRef())
                .setNoTags())
                .call()) {
            // No automatic gc in the cache: it would race the move of a fresh clone, and it would prune
            // commits a force-push left behind, among them possibly the last known-good one.
            org.eclipse.jgit.lib.StoredConfig stored = git.getRepository().getConfig();
            stored.setInt("gc", null, "auto", 0);
            stored.setInt("gc", null, "autoPackLimit", 0);
            stored.save();
            Files.writeString(partial.resolve(MARKER),
                    "Bare clone kept by the Driftless agent; safe to delete (it is cloned again).\n");
        } catch (IOException e) {
            throw cacheFailure("cannot write the clone into " + partial, e);
        } catch (SourceException e) {
            throw e;
        } catch (Exception e) {
            quietlyDelete(partial);
            throw FetchFailure.explain(e, config);
        }
        try {
            if (Files.exists(dir)) {
                Files.delete(dir); // only ever an empty directory here: openExisting removed anything else
            }
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).setBare().build();
        } catch (DirectoryNotEmptyException e) {
            throw new SourceException(Reason.LOCAL_CACHE, dir + " is not empty; move it away so the agent can clone"
                    + " into it");
        } catch (IOException e) {
            throw cacheFailure("cannot move the new clone into " + dir, e);
        }
    }

    /** Deletes the clone; refuses a directory without the marker. */
    void remove() throws SourceException {
        Path dir = config.cacheDir();
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isRegularFile(dir.resolve(MARKER))) {
            throw new SourceException(Reason.LOCAL_CACHE, "refusing to delete " + dir + ": it is not a clone made by"
                    + " Driftless; move it away or point the state dir somewhere else");
        }
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw cacheFailure("cannot delete the damaged clone " + dir, e);
        }
    }

    private SourceException cacheFailure(String what, IOException e) {
        return new SourceException(Reason.LOCAL_CACHE, what + " (" + e + "); check free disk space and that the"
                + " agent's user owns the state dir", e);
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void quietlyDelete(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            log.warn("Could not remove the unfinished clone {}: {}", dir, e.toString());
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
