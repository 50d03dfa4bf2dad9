package io.driftless.source;

import io.driftless.source.SourceException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifier.SignatureVerification;
import org.eclipse.jgit.lib.SignatureVerifier.TrustLevel;
import org.eclipse.jgit.signing.ssh.SigningKeyDatabase;
import org.eclipse.jgit.signing.ssh.SshSignatureVerifierFactory;
import org.eclipse.jgit.signing.ssh.VerificationException;

/**
 * The SSH keys the operator trusts, in an OpenSSH {@code allowed_signers} file (what {@code git config
 * gpg.ssh.allowedSignersFile} names: {@code principals [namespaces="git",valid-after=...] key-type base64-key}).
 *
 * <p>JGit 7 verifies SSH signatures ({@code SSHSIG}, ed25519/ECDSA/rsa-sha2-*, certificates) and parses this file
 * (re-reading it when it changes). It is given a git config that holds only this one setting, never the
 * repository's or the user's config, so a pushed {@code .gitconfig} or ~/.gitconfig cannot widen the trust.
 */
final class SshAllowedSigners {
    private final Path file;
    private final GpgConfig config;
    private final SignatureVerifier verifier = new SshSignatureVerifierFactory().create();

    private SshAllowedSigners(Path file) {
        this.file = file;
        Config only = new Config();
        only.setString(ConfigConstants.CONFIG_GPG_SECTION, ConfigConstants.CONFIG_SSH_SUBSECTION,
                ConfigConstants.CONFIG_KEY_SSH_ALLOWED_SIGNERS_FILE, file.toString());
        this.config = new GpgConfig(only);
    }

    /** Checks that the file exists and parses, so a typo fails at start-up instead of refusing every commit. */
    static SshAllowedSigners load(Path file) throws SourceException {
        Path absolute = file.toAbsolutePath().normalize();
        TrustFiles.read(absolute, "--allowed-signers", "list the signers' keys in it, one per line:"
                + " EMAIL namespaces=\"git\" ssh-ed25519 AAAA...");
        SshAllowedSigners signers = new SshAllowedSigners(absolute);
        signers.requireParses();
        return signers;
    }

    Path file() {
        return file;
    }

    /** Checks an armored SSH signature over {@code data}. */
    SignatureCheck verify(byte[] data, byte[] armoredSignature) {
        SignatureVerification result;
        try {
            // JGit wants the repository only to resolve a relative file name; this one is absolute.
            result = verifier.verify(null, config, data, armoredSignature);
        } catch (IOException | RuntimeException e) {
            return new SignatureCheck.Rejected("the SSH signature cannot be checked (" + e.getMessage() + ")");
        }
        String key = "SSH key " + (result.keyFingerprint() == null ? "(unreadable)" : result.keyFingerprint());
        if (result.verified()) {
            return new SignatureCheck.Trusted(result.keyUser() + " " + key);
        }
        // JGit only reaches the allowed-signers lookup after the signature itself checked out; UNKNOWN is its word
        // for "valid signature, key not listed". A bad signature never gets that far and carries no message.
        if (result.trustLevel() == TrustLevel.UNKNOWN) {
            return new SignatureCheck.UnknownKey(key, file.toString());
        }
        if (result.message() == null) {
            return new SignatureCheck.Mismatch(key);
        }
        return new SignatureCheck.Rejected(result.message() + " (" + key + ")");
    }

    // Asking the signing-key database about a throw-away key makes JGit parse the whole file and report the first
    // bad line with its number.
    private void requireParses() throws SourceException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            SigningKeyDatabase.getInstance().isAllowed(null, config, generator.generateKeyPair().getPublic(), "git",
                    null);
        } catch (IOException | VerificationException | RuntimeException e) {
            throw new SourceException(Reason.BAD_CONFIGURATION, "the allowed signers file " + file
                    + " (--allowed-signers) cannot be used: " + e.getMessage() + "; each line is: PRINCIPALS"
                    + " [namespaces=\"git\"] KEY-TYPE BASE64-KEY (see ssh-keygen(1), ALLOWED SIGNERS)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make an EC key", e);
        }
    }
}
