package io.driftless.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may sign the commits the agent applies: OpenPGP keys from a keyring file, SSH keys from an allowed-signers
 * file, or both. Both files come from the agent's own configuration, never from the repository, which may be the
 * thing under attack. A commit passes with a valid signature by any key of either file.
 */
public final class TrustedSigners {
    private static final String PGP = "-----BEGIN PGP SIGNATURE-----";
    private static final String SSH = "-----BEGIN SSH SIGNATURE-----";

    private final Path gpgKeyring;
    private final SshAllowedSigners sshSigners;
    private OpenPgpKeys gpgKeys;
    private FileTime gpgLoadedFrom;

    private TrustedSigners(Path gpgKeyring, OpenPgpKeys gpgKeys, SshAllowedSigners sshSigners) throws SourceException {
        this.gpgKeyring = gpgKeyring;
        this.gpgKeys = gpgKeys;
        this.sshSigners = sshSigners;
        this.gpgLoadedFrom = gpgKeyring == null ? null : modified(gpgKeyring);
    }

    /**
     * Reads and checks both files now (either may be null, not both), so a wrong path fails at start-up.
     *
     * @param gpgKeyring armored OpenPGP public keys ({@code --trusted-gpg-keys})
     * @param allowedSigners OpenSSH allowed-signers file ({@code --allowed-signers})
     */
    public static TrustedSigners load(Path gpgKeyring, Path allowedSigners) throws SourceException {
        if (gpgKeyring == null && allowedSigners == null) {
            throw new IllegalArgumentException("signature checks need --trusted-gpg-keys or --allowed-signers");
        }
        Path keyring = gpgKeyring == null ? null : gpgKeyring.toAbsolutePath().normalize();
        return new TrustedSigners(keyring, keyring == null ? null : OpenPgpKeys.load(keyring),
                allowedSigners == null ? null : SshAllowedSigners.load(allowedSigners));
    }

    /** The configured files, for messages: "FILE" or "FILE and FILE". */
    public String files() {
        List<String> files = new ArrayList<>();
        if (gpgKeyring != null) {
            files.add(gpgKeyring.toString());
        }
        if (sshSigners != null) {
            files.add(sshSigners.file().toString());
        }
        return String.join(" and ", files);
    }

    /** Fails when a configured file went missing since start-up, so that is not blamed on a commit. */
    void requireFiles() throws SourceException {
        if (gpgKeyring != null) {
            modified(gpgKeyring);
        }
        if (sshSigners != null && !Files.isReadable(sshSigners.file())) {
            throw new SourceException(SourceException.Reason.BAD_CONFIGURATION, "the allowed signers file "
                    + sshSigners.file() + " (--allowed-signers) is gone or not readable; restore it");
        }
    }

    /** Checks one raw commit object. */
    synchronized SignatureCheck verify(byte[] rawCommit) throws SourceException {
        Optional<SignedPayload> signed = SignedPayload.of(rawCommit);
        if (signed.isEmpty()) {
            return new SignatureCheck.Unsigned();
        }
        SignedPayload payload = signed.get();
        String kind = payload.armorHeader();
        if (kind.equals(PGP)) {
            return gpgKeys().map(keys -> keys.verify(payload.data(), payload.signature()))
                    .orElseGet(() -> new SignatureCheck.UnknownKey("an OpenPGP key; no --trusted-gpg-keys file is"
                            + " configured", files()));
        }
        if (kind.equals(SSH)) {
            return sshSigners == null
                    ? new SignatureCheck.UnknownKey("an SSH key; no --allowed-signers file is configured", files())
                    : sshSigners.verify(payload.data(), payload.signature());
        }
        return new SignatureCheck.Rejected("its signature is of a kind the agent does not verify (" + kind
                + "); sign with OpenPGP or SSH");
    }

    // The keyring is read again when the operator replaces it, as JGit does for the allowed-signers file, so
    // adding or removing a key needs no restart.
    private Optional<OpenPgpKeys> gpgKeys() throws SourceException {
        if (gpgKeyring == null) {
            return Optional.empty();
        }
        FileTime now = modified(gpgKeyring);
        if (!now.equals(gpgLoadedFrom)) {
            gpgKeys = OpenPgpKeys.load(gpgKeyring);
            gpgLoadedFrom = now;
        }
        return Optional.of(gpgKeys);
    }

    private static FileTime modified(Path file) throws SourceException {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new SourceException(SourceException.Reason.BAD_CONFIGURATION, "cannot read the trust file " + file
                    + " (" + e.getMessage() + "); it was configured with --trusted-gpg-keys and must stay readable");
        }
    }
}
