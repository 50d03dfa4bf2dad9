package io.driftless.source;

import java.nio.file.Files;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/** Applies the configured credentials and timeout to every JGit command that talks to the remote. */
final class RemoteAccess implements AutoCloseable {
    private final SourceConfig config;
    private SshdSessionFactory sshSessions;

    RemoteAccess(SourceConfig config) {
        this.config = config;
    }

    /** Checks what can be checked without the network, so a typo in a path fails fast and says where. */
    void checkLocalFiles() throws SourceException {
        if (config.credentials() instanceof Credentials.SshKey key) {
            requireReadable(key.privateKey(), "SSH private key", "point the SSH key setting at the deploy key");
            if (key.knownHosts() != null) {
                requireReadable(key.knownHosts(), "SSH known_hosts file",
                        "create it with: ssh-keyscan HOST > " + key.knownHosts());
            }
        }
    }

    <C extends TransportCommand<C, ?>> C apply(C command) throws SourceException {
        command.setTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toSeconds()));
        switch (config.credentials()) {
            case Credentials.None none -> { }
            case Credentials.HttpsToken token ->
                // A copy: JGit's provider zeroes its array on clear(), and the configured token must outlive it.
                command.setCredentialsProvider(
                        new UsernamePasswordCredentialsProvider(token.username(), token.token().clone()));
            case Credentials.SshKey key -> {
                SshdSessionFactory sessions = sshSessions(key);
                command.setTransportConfigCallback(transport -> {
                    if (transport instanceof SshTransport ssh) {
                        ssh.setSshSessionFactory(sessions);
                    }
                });
            }
        }
        return command;
    }

    private synchronized SshdSessionFactory sshSessions(Credentials.SshKey key) {
        if (sshSessions == null) {
            sshSessions = SshSessions.forKey(key);
        }
        return sshSessions;
    }

    private static void requireReadable(java.nio.file.Path file, String what, String todo) throws SourceException {
        if (!Files.isRegularFile(file)) {
            throw new SourceException(SourceException.Reason.BAD_CONFIGURATION,
                    "the " + what + " " + file + " does not exist or is not a file; " + todo);
        }
        if (!Files.isReadable(file)) {
            throw new SourceException(SourceException.Reason.BAD_CONFIGURATION,
                    "the " + what + " " + file + " is not readable by the agent's user; fix its owner or mode");
        }
    }

    @Override
    public synchronized void close() {
        if (sshSessions != null) {
            sshSessions.close();
            sshSessions = null;
        }
    }
}
