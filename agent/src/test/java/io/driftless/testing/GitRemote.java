package io.driftless.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;

/**
 * A bare Git repository on disk that tests commit to, the way a user pushes to their remote: every change is made
 * in a private work clone and pushed, so the bare repository only ever moves through real pushes.
 *
 * <pre>{@code
 * try (GitRemote remote = GitRemote.create(tempDir)) {
 *     String first = remote.commit("web 1.0", Map.of("driftless.yaml", "version: 1\n"));
 *     String url = remote.url();   // file:///.../remote.git
 * }
 * }</pre>
 */
public final class GitRemote implements AutoCloseable {
    public static final String DEFAULT_BRANCH = "main";
    private static final PersonIdent AUTHOR = new PersonIdent("Driftless Test", "test@driftless.invalid");

    private final Path bareDir;
    private final String branch;
    private final Git work;

    private GitRemote(Path bareDir, String branch, Git work) {
        this.bareDir = bareDir;
        this.branch = branch;
        this.work = work;
    }

    /** A new empty remote at {@code dir/remote.git} (work clone in {@code dir/work}) on branch {@code main}. */
    public static GitRemote create(Path dir) {
        return create(dir, DEFAULT_BRANCH);
    }

    /** A new empty remote whose commits go to {@code branch}. */
    public static GitRemote create(Path dir, String branch) {
        try {
            Path bare = dir.resolve("remote.git");
            Path workDir = dir.resolve("work");
            Git.init().setBare(true).setInitialBranch(branch).setDirectory(bare.toFile()).call().close();
            Git work = Git.init().setInitialBranch(branch).setDirectory(workDir.toFile()).call();
            work.remoteAdd().setName("origin").setUri(new URIish(fileUrl(bare))).call();
            return new GitRemote(bare, branch, work);
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot create a test Git remote in " + dir, e);
        }
    }

    /** Writes {@code files} (path → UTF-8 content, paths relative to the repo root), commits, pushes; full SHA. */
    public String commit(String message, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = workTree().resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                work.add().addFilepattern(file.getKey()).call();
            }
            return commitAndPush(message, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("commit failed: " + message, e);
        }
    }

    /**
     * Commits with the {@code git} program instead of JGit, e.g. to sign: {@code gitOptions} are {@code -c} settings
     * ({@code "gpg.format=ssh"}, ...) and {@code environment} is added to git's (e.g. {@code GNUPGHOME}). The
     * user's own git config is ignored. Pushes; full SHA.
     */
    public String commitWithGit(String message, Map<String, String> files, Map<String, String> environment,
                                List<String> gitOptions) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = workTree().resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            git(environment, List.of("add", "-A"));
            List<String> commit = new ArrayList<>();
            for (String option : gitOptions) {
                commit.add("-c");
                commit.add(option);
            }
            commit.addAll(List.of("-c", "user.name=" + AUTHOR.getName(), "-c", "user.email=" + AUTHOR.getEmailAddress(),
                    "commit", "-q", "--allow-empty", "-m", message));
            git(environment, commit);
            push(false);
            return git(environment, List.of("rev-parse", "HEAD")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("push failed after: " + message, e);
        }
    }

    /** Commits signed by {@code signer} (with the {@code git} program), pushes; full SHA. */
    public String commitSigned(String message, Map<String, String> files, SignedCommits.Signer signer) {
        return commitWithGit(message, files, signer.environment(), signer.gitOptions());
    }

    /** Runs the {@code git} program in the work clone, isolated from the user's and the system's git config. */
    public String git(Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workTree().toFile());
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().putAll(environment);
        return Programs.run(builder, String.join(" ", command));
    }

    /** Writes {@code rawCommit} (the text of a commit object) into the work clone's objects; its SHA. */
    public String writeCommitObject(String rawCommit) {
        Path file = workTree().resolve(".git").resolve("forged-commit");
        try {
            Files.writeString(file, rawCommit, StandardCharsets.UTF_8);
            return git(Map.of(), List.of("hash-object", "-w", "-t", "commit", file.toString())).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            file.toFile().delete();
        }
    }

    /** Removes {@code path}, commits, pushes; full SHA. */
    public String deleteFile(String message, String path) {
        try {
            work.rm().addFilepattern(path).call();
            return commitAndPush(message, false);
        } catch (GitAPIException e) {
            throw new IllegalStateException("delete failed: " + path, e);
        }
    }

    /**
     * What {@code git revert SHA && git push} does: a new commit on top of the tip that undoes {@code sha}'s
     * change (for the tip itself, the parent's tree comes back). Full SHA of the revert commit.
     */
    public String revert(String sha) {
        try {
            RevCommit target = work.getRepository().parseCommit(ObjectId.fromString(sha));
            RevCommit reverted = work.revert().include(target).setOurCommitName("HEAD").call();
            if (reverted == null) {
                throw new IllegalStateException("revert of " + sha + " conflicted: " + work.status().call().getConflicting());
            }
            push(false);
            return reverted.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("revert failed: " + sha, e);
        }
    }

    /** What {@code git reset --hard SHA && git push --force} does: rewinds the branch, rewriting history. */
    public void forcePushReset(String sha) {
        try {
            work.reset().setMode(ResetType.HARD).setRef(sha).call();
            push(true);
        } catch (GitAPIException e) {
            throw new IllegalStateException("reset to " + sha + " failed", e);
        }
    }

    /** Points {@code name} in the remote at {@code sha}: another branch the agent must not follow. */
    public void createBranch(String name, String sha) {
        try (Git git = Git.open(bareDir.toFile())) {
            Repository bare = git.getRepository();
            RefUpdate update = bare.updateRef("refs/heads/" + name);
            update.setNewObjectId(ObjectId.fromString(sha));
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.NO_CHANGE) {
                throw new IllegalStateException("cannot create branch " + name + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code file:///...} URL of the bare repository. */
    public String url() {
        return fileUrl(bareDir);
    }

    /** The bare repository's directory, e.g. to serve it over HTTP. */
    public Path bareDir() {
        return bareDir;
    }

    public String branch() {
        return branch;
    }

    /** Full SHA of the branch tip in the bare repository, or null before the first commit. */
    public String tip() {
        try (Git bare = Git.open(bareDir.toFile())) {
            ObjectId id = bare.getRepository().resolve("refs/heads/" + branch);
            return id == null ? null : id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        work.close();
    }

    private String commitAndPush(String message, boolean force) throws GitAPIException {
        RevCommit commit = work.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR)
                .setAllowEmpty(true).setSign(false).call();
        push(force);
        return commit.name();
    }

    // push() reports a rejected update in its result instead of throwing, so check every ref's status.
    private void push(boolean force) throws GitAPIException {
        String ref = "refs/heads/" + branch;
        Iterable<PushResult> results = work.push().setRemote("origin")
                .setRefSpecs(new RefSpec((force ? "+" : "") + ref + ":" + ref)).setForce(force).call();
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (update.getStatus() != RemoteRefUpdate.Status.OK
                        && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new IllegalStateException("push of " + update.getSrcRef() + " to " + bareDir + " was "
                            + update.getStatus() + (update.getMessage() == null ? "" : ": " + update.getMessage()));
                }
            }
        }
    }

    private Path workTree() {
        return work.getRepository().getWorkTree().toPath();
    }

    private static String fileUrl(Path path) {
        return "file://" + path.toAbsolutePath().normalize();
    }
}
