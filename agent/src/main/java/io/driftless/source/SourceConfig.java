package io.driftless.source;

import io.driftless.desired.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * Which repository the agent follows and where it keeps its clone.
 *
 * @param url the remote ({@code https://}, {@code ssh://}, {@code git@host:path}, {@code file://})
 * @param branch the only branch the agent deploys from; {@code refs/heads/} may be given or left out
 * @param path directory inside the repository that holds {@code driftless.yaml}; {@code "."} is the root
 * @param cacheDir where the local bare clone lives, inside the agent's state dir
 * @param credentials how to authenticate; {@link Credentials.None} when null
 * @param timeout connection and read timeout for talking to the remote
 */
public record SourceConfig(String url, String branch, String path, Path cacheDir, Credentials credentials,
        Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public SourceConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the Git repository URL is empty; set --repo");
        }
        url = url.strip();
        branch = branch == null ? "" : branch.strip();
        if (branch.startsWith(Constants.R_HEADS)) {
            branch = branch.substring(Constants.R_HEADS.length());
        }
        if (branch.isEmpty() || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new IllegalArgumentException("\"" + branch + "\" is not a valid Git branch name; set --branch");
        }
        path = normalizePath(path);
        Objects.requireNonNull(cacheDir, "cacheDir");
        cacheDir = cacheDir.toAbsolutePath().normalize();
        credentials = credentials == null ? new Credentials.None() : credentials;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the Git timeout must be at least 1s, got " + Durations.format(timeout));
        }
    }

    /** The same with the default timeout of 30 s. */
    public SourceConfig(String url, String branch, String path, Path cacheDir, Credentials credentials) {
        this(url, branch, path, cacheDir, credentials, DEFAULT_TIMEOUT);
    }

    /** The URL as it may appear in logs and messages: any user and password removed. */
    public String displayUrl() {
        return RemoteUrl.redact(url);
    }

    /** {@code refs/heads/<branch>}. */
    public String branchRef() {
        return Constants.R_HEADS + branch;
    }

    /** The repository path of {@code relativePath} inside the configured {@link #path()}. */
    public String repositoryPath(String relativePath) {
        String file = normalizePath(relativePath);
        if (file.isEmpty()) {
            throw new IllegalArgumentException("a file path inside the repository is empty");
        }
        return path.isEmpty() ? file : path + "/" + file;
    }

    @Override
    public String toString() {
        return "SourceConfig[url=" + displayUrl() + ", branch=" + branch + ", path=" + (path.isEmpty() ? "." : path)
                + ", cacheDir=" + cacheDir + ", credentials=" + credentials.getClass().getSimpleName()
                + ", timeout=" + timeout + "]";
    }

    /** "" for the root, else a slash-separated relative path with no "." or ".." parts. */
    private static String normalizePath(String raw) {
        String p = raw == null ? "" : raw.strip().replace('\\', '/');
        if (p.startsWith("/")) {
            throw new IllegalArgumentException("the path \"" + raw + "\" must be relative to the repository root"
                    + " (e.g. \"deploy\" or \".\"), not absolute");
        }
        StringBuilder out = new StringBuilder();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IllegalArgumentException("the path \"" + raw + "\" leaves the repository (\"..\");"
                        + " use a directory inside it");
            }
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }
}
