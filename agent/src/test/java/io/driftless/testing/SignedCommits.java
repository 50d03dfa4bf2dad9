package io.driftless.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real signing keys for tests, made with the same programs a developer uses: {@code gpg} (in a private
 * GNUPGHOME, never the user's) and {@code ssh-keygen}. A {@link Signer} tells {@link GitRemote#commitWithGit} how
 * to make git sign with it.
 */
public final class SignedCommits {
    private SignedCommits() {}

    /** How git signs with one key: the {@code -c} options and the environment it needs. */
    public interface Signer {
        List<String> gitOptions();

        Map<String, String> environment();
    }

    /** An OpenPGP key (ed25519, no passphrase, no expiry) in its own GNUPGHOME under {@code dir}. */
    public static Gpg gpgKey(Path dir, String name, String email) {
        try {
            Path home = Files.createDirectories(dir);
            Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Gpg key = new Gpg(home, null);
            key.gpg("--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-generate-key",
                    name + " <" + email + ">", "ed25519", "sign", "never");
            String fingerprint = key.gpg("--batch", "--with-colons", "--list-secret-keys").lines()
                    .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
            return new Gpg(home, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key pair in a private GNUPGHOME. */
    public record Gpg(Path home, String fingerprint) implements Signer, AutoCloseable {
        @Override
        public List<String> gitOptions() {
            return List.of("gpg.format=openpgp", "user.signingkey=" + fingerprint, "commit.gpgsign=true");
        }

        @Override
        public Map<String, String> environment() {
            return Map.of("GNUPGHOME", home.toString());
        }

        /** Writes the armored public key ({@code gpg --export --armor}) to {@code file}; the file. */
        public Path exportPublicKey(Path file) {
            try {
                Files.writeString(file, gpg("--batch", "--export", "--armor", fingerprint));
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String gpg(String... args) {
            List<String> command = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString()));
            command.addAll(List.of(args));
            return Programs.run(new ProcessBuilder(command), String.join(" ", command));
        }

        /** Stops the gpg-agent that signing started for this GNUPGHOME. */
        @Override
        public void close() {
            Programs.run(new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all"), "gpgconf --kill");
        }
    }

    /** An unencrypted SSH key of {@code type} ({@code ed25519}, {@code rsa}, {@code ecdsa}) at {@code dir/id}. */
    public static Ssh sshKey(Path dir, String type, String principal) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("id_" + type);
            List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C",
                    principal, "-f", key.toString()));
            if (type.equals("rsa")) {
                command.addAll(List.of("-b", "2048"));
            }
            Programs.run(new ProcessBuilder(command), "ssh-keygen");
            return new Ssh(key, principal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A private key file whose public half is {@code key.pub}. */
    public record Ssh(Path key, String principal) implements Signer {
        @Override
        public List<String> gitOptions() {
            return List.of("gpg.format=ssh", "user.signingkey=" + key, "commit.gpgsign=true");
        }

        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        /** This key's line for an allowed_signers file, limited to git's namespace. */
        public String allowedSignersLine() {
            try {
                String[] pub = Files.readString(Path.of(key + ".pub")).strip().split(" ");
                return principal + " namespaces=\"git\" " + pub[0] + " " + pub[1];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
