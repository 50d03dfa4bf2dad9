package io.driftless.source;

import io.driftless.desired.Durations;
import io.driftless.source.SourceException.Reason;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.text.MessageFormat;
import java.util.Locale;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.PackInvalidException;
import org.eclipse.jgit.internal.JGitText;

/**
 * Turns whatever JGit threw while cloning or fetching into a {@link SourceException} an operator can act on.
 * JGit reports most remote failures as a TransportException whose only distinguishing mark is its message or
 * its cause, so this reads both. Messages never carry the token or a password from the URL.
 */
final class FetchFailure {
    private FetchFailure() {}

    static SourceException explain(Exception failure, SourceConfig config) {
        String where = "branch '" + config.branch() + "' of " + config.displayUrl();
        String detail = sanitize(rootMessage(failure), config);
        String text = (messageChain(failure)).toLowerCase(Locale.ROOT);
        Reason reason;
        String message;
        if (hasCause(failure, MissingObjectException.class) || hasCause(failure, CorruptObjectException.class)
                || hasCause(failure, PackInvalidException.class)) {
            reason = Reason.LOCAL_CACHE;
            message = "the local clone in " + config.cacheDir() + " is damaged";
        } else if (isMissingBranch(text, config)) {
            reason = Reason.BRANCH_NOT_FOUND;
            message = missingBranch(config);
        } else if (text.contains("host key") || text.contains("server key") || text.contains("known_hosts")
                || text.contains("known hosts")) {
            reason = Reason.HOST_KEY_REJECTED;
            message = "the SSH host key of " + config.displayUrl() + " is not in the configured known_hosts file or"
                    + " does not match it; add the server's key (ssh-keyscan HOST) after checking its fingerprint";
        } else if (text.contains("not authorized") || text.contains("authentication") || text.contains("auth fail")
                || text.contains("credentialsprovider") || text.contains("not permitted")
                || text.contains("no more authentication methods")) {
            reason = Reason.AUTHENTICATION_FAILED;
            message = "authentication failed for " + where + "; " + authenticationAdvice(config.credentials());
        } else if (hasCause(failure, UnknownHostException.class)) {
            reason = Reason.UNREACHABLE;
            message = "cannot resolve the host of " + config.displayUrl() + "; check the URL and the host's DNS";
        } else if (hasCause(failure, SocketTimeoutException.class) || hasCause(failure, InterruptedIOException.class)
                || text.contains("timed out") || text.contains("timeout")) {
            reason = Reason.UNREACHABLE;
            message = "timed out after " + Durations.format(config.timeout()) + " talking to " + config.displayUrl()
                    + "; the remote or the network is slow or down, the agent will try again";
        } else if (hasCause(failure, ConnectException.class) || hasCause(failure, NoRouteToHostException.class)
                || text.contains("connection refused") || text.contains("cannot open")) {
            reason = Reason.UNREACHABLE;
            message = "cannot reach " + config.displayUrl() + " (connection failed); check that the Git server is up"
                    + " and reachable from this host, the agent will try again";
        } else if (failure instanceof InvalidRemoteException || hasCause(failure, NoRemoteRepositoryException.class)
                || text.contains("not found")) {
            reason = Reason.REPOSITORY_NOT_FOUND;
            message = "there is no repository at " + config.displayUrl() + " (or the credentials may not see it);"
                    + " check --repo and the token's or key's access";
        } else {
            reason = Reason.TRANSPORT;
            message = "cannot fetch " + where;
        }
        String full = message + " [" + detail + "]";
        // A JGit message may repeat the URL verbatim; chain the cause only when the URL holds nothing secret.
        return RemoteUrl.carriesUserInfo(config.url())
                ? new SourceException(reason, full)
                : new SourceException(reason, full, failure);
    }

    static String missingBranch(SourceConfig config) {
        return "the remote " + config.displayUrl() + " has no branch '" + config.branch() + "'; push that branch or"
                + " set --branch to one that exists";
    }

    private static String authenticationAdvice(Credentials credentials) {
        return switch (credentials) {
            case Credentials.None none -> "the remote wants credentials and none are configured: give the agent an"
                    + " access token (file or environment variable) or an SSH deploy key";
            case Credentials.HttpsToken token -> "the access token was refused: check that it is current, not revoked,"
                    + " and allowed to read this repository";
            case Credentials.SshKey key -> "the SSH key " + key.privateKey() + " was refused: add its public key to"
                    + " the repository as a deploy key (read access is enough)";
        };
    }

    // Fetch and clone word it differently; match JGit's own texts so a translation cannot break this.
    private static boolean isMissingBranch(String text, SourceConfig config) {
        return text.contains(lower(MessageFormat.format(JGitText.get().remoteDoesNotHaveSpec, config.branchRef())))
                || text.contains(lower(MessageFormat.format(JGitText.get().remoteBranchNotFound, config.branchRef())));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String sanitize(String text, SourceConfig config) {
        String out = text == null ? "" : text.replace(config.url(), config.displayUrl());
        if (config.credentials() instanceof Credentials.HttpsToken token && token.token().length >= 4) {
            out = out.replace(new String(token.token()), "***");
        }
        return out;
    }

    /** The outermost message (what JGit was doing) and, when different, the innermost (why). */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = describe(failure);
        String cause = describe(root);
        return root == failure || cause.equals(top) ? top : top + " <- " + cause;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank()
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String messageChain(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(t.getMessage()).append(" | ");
        }
        return out.toString();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
