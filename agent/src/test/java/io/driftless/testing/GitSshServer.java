package io.driftless.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Serves the bare repositories under a directory over SSH on 127.0.0.1 and a free port, the way a Git host does:
 * Apache MINA sshd (already on the classpath through JGit) authenticates one client public key and runs the real
 * {@code git upload-pack} for {@code git-upload-pack '/repo.git'}. Read-only: receive-pack is refused.
 * {@link #knownHostsLine()} is what {@code ssh-keyscan} would print for it.
 */
public final class GitSshServer implements AutoCloseable {
    private final SshServer sshd;
    private final KeyPair hostKey;

    private GitSshServer(SshServer sshd, KeyPair hostKey) {
        this.sshd = sshd;
        this.hostKey = hostKey;
    }

    /** Serves {@code projectRoot} to whoever holds the private half of {@code authorizedPublicKeyFile}. */
    public static GitSshServer start(Path projectRoot, Path authorizedPublicKeyFile) throws IOException {
        Components.require("git upload-pack");
        PublicKey allowed;
        KeyPair hostKey;
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.readAuthorizedKeys(authorizedPublicKeyFile).get(0);
            allowed = entry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            hostKey = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the test SSH server's keys", e);
        }
        Path root = projectRoot.toAbsolutePath().normalize();
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(allowed, key));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory((channel, command) -> new UploadPack(root, command));
        sshd.start();
        return new GitSshServer(sshd, hostKey);
    }

    /** {@code ssh://git@127.0.0.1:PORT/<path of bareRepo under the project root>}. */
    public String urlOf(Path projectRoot, Path bareRepo) {
        Path relative = projectRoot.toAbsolutePath().normalize().relativize(bareRepo.toAbsolutePath().normalize());
        return "ssh://git@127.0.0.1:" + port() + "/" + relative.toString().replace('\\', '/');
    }

    public int port() {
        return sshd.getPort();
    }

    /** The known_hosts line for this server, as {@code ssh-keyscan -p PORT 127.0.0.1} prints it. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    /** Runs {@code git upload-pack DIR} and pipes the SSH channel through it. */
    private static final class UploadPack implements Command {
        private final Path root;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        UploadPack(Path root, String command) {
            this.root = root;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            String prefix = "git-upload-pack ";
            if (!command.startsWith(prefix)) {
                err.write(("only git-upload-pack is served here, not: " + command + "\n").getBytes());
                err.flush();
                exit.onExit(1, "refused");
                return;
            }
            String path = command.substring(prefix.length()).strip().replace("'", "");
            Path repo = root.resolve(path.replaceFirst("^/+", "")).normalize();
            if (!repo.startsWith(root) || !Files.isDirectory(repo)) {
                err.write(("fatal: '" + path + "' does not appear to be a git repository\n").getBytes());
                err.flush();
                exit.onExit(128, "no repository");
                return;
            }
            process = new ProcessBuilder(List.of("git", "upload-pack", repo.toString())).start();
            Thread.ofVirtual().start(() -> pump(in, process.getOutputStream(), true));
            Thread errors = Thread.ofVirtual().start(() -> pump(process.getErrorStream(), err, false));
            Thread.ofVirtual().start(() -> {
                pump(process.getInputStream(), out, false);
                try {
                    errors.join();
                    exit.onExit(process.waitFor());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void destroy(ChannelSession channel) throws InterruptedException {
            if (process != null) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }

        private static void pump(InputStream from, OutputStream to, boolean closeTarget) {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the other side went away; the exit status tells the story
            } finally {
                if (closeTarget) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }
        }
    }
}
