package io.driftless.source;

import io.driftless.source.SourceException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * The OpenPGP public keys the operator trusts, read from one armored (or binary) keyring file, e.g. the output of
 * {@code gpg --export --armor KEYID...}. Verification uses only these keys, through BouncyCastle directly: no
 * gpg program, no ~/.gnupg, no key server, so nothing outside the file can vouch for a commit. Owner trust and
 * web-of-trust play no part: being in the file is the trust.
 */
final class OpenPgpKeys {
    private final Path file;
    private final PGPPublicKeyRingCollection keys;

    private OpenPgpKeys(Path file, PGPPublicKeyRingCollection keys) {
        this.file = file;
        this.keys = keys;
    }

    /** Reads the file now; a missing, empty or unreadable file is a configuration error that names it. */
    static OpenPgpKeys load(Path file) throws SourceException {
        byte[] bytes = TrustFiles.read(file, "--trusted-gpg-keys",
                "export the signers' public keys into it: gpg --export --armor KEYID > " + file);
        PGPPublicKeyRingCollection keys;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            keys = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SourceException(Reason.BAD_CONFIGURATION, "the OpenPGP keyring " + file + " (--trusted-gpg-keys)"
                    + " cannot be read as public keys (" + e.getMessage() + "); write it with: gpg --export --armor"
                    + " KEYID > " + file);
        }
        if (keys.size() == 0) {
            throw new SourceException(Reason.BAD_CONFIGURATION, "the OpenPGP keyring " + file + " (--trusted-gpg-keys)"
                    + " holds no public key; write it with: gpg --export --armor KEYID > " + file);
        }
        return new OpenPgpKeys(file, keys);
    }

    Path file() {
        return file;
    }

    int size() {
        return keys.size();
    }

    /** Checks an armored detached signature over {@code data} against the keys of the file. */
    SignatureCheck verify(byte[] data, byte[] armoredSignature) {
        PGPSignature signature;
        try {
            signature = parse(armoredSignature);
        } catch (IOException | PGPException | RuntimeException e) {
            return new SignatureCheck.Rejected("the OpenPGP signature cannot be parsed (" + e.getMessage() + ")");
        }
        if (signature == null) {
            return new SignatureCheck.Rejected("the gpgsig header holds no OpenPGP signature");
        }
        // git signs the commit bytes as a binary document; anything else (a key certification...) is not for commits.
        if (signature.getSignatureType() != PGPSignature.BINARY_DOCUMENT
                && signature.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return new SignatureCheck.Rejected("the OpenPGP signature is of type " + signature.getSignatureType()
                    + ", not a document signature");
        }
        PGPPublicKey key = signingKey(signature);
        if (key == null) {
            return new SignatureCheck.UnknownKey("OpenPGP key " + issuer(signature), file.toString());
        }
        String name = describe(key);
        if (key.hasRevocation()) {
            return new SignatureCheck.Rejected("the OpenPGP key " + name + " is revoked in " + file);
        }
        Instant signed = signature.getCreationTime().toInstant();
        if (key.getValidSeconds() > 0
                && signed.isAfter(key.getCreationTime().toInstant().plusSeconds(key.getValidSeconds()))) {
            return new SignatureCheck.Rejected("the OpenPGP key " + name + " had expired when it signed (" + signed + ")");
        }
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(data);
            return signature.verify() ? new SignatureCheck.Trusted(name) : new SignatureCheck.Mismatch(name);
        } catch (PGPException | RuntimeException e) {
            return new SignatureCheck.Rejected("the OpenPGP signature by " + name + " cannot be checked ("
                    + e.getMessage() + ")");
        }
    }

    private static PGPSignature parse(byte[] armored) throws IOException, PGPException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            Object packet = new BcPGPObjectFactory(in).nextObject();
            if (packet instanceof PGPCompressedData compressed) {
                packet = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
            }
            return packet instanceof PGPSignatureList list && !list.isEmpty() ? list.get(0) : null;
        }
    }

    /** The trusted key (primary or subkey) the signature names, by issuer fingerprint or, failing that, key id. */
    private PGPPublicKey signingKey(PGPSignature signature) {
        for (KeyIdentifier id : signature.getKeyIdentifiers()) {
            PGPPublicKey key = id.getFingerprint() != null ? keys.getPublicKey(id.getFingerprint())
                    : keys.getPublicKey(id.getKeyId());
            if (key != null) {
                return key;
            }
        }
        return keys.getPublicKey(signature.getKeyID());
    }

    private static String issuer(PGPSignature signature) {
        for (KeyIdentifier id : signature.getKeyIdentifiers()) {
            if (id.getFingerprint() != null) {
                return HexFormat.of().withUpperCase().formatHex(id.getFingerprint());
            }
        }
        return String.format("%016X", signature.getKeyID());
    }

    private String describe(PGPPublicKey key) {
        String fingerprint = HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
        PGPPublicKey primary = keys.getPublicKeyRing(key.getKeyID()).getPublicKey();
        Iterator<String> users = primary.getUserIDs();
        return (users.hasNext() ? users.next() + " " : "") + "[" + fingerprint + "]";
    }
}
