package io.driftless.source;

/**
 * What checking one commit's signature found. Only {@link Trusted} lets a commit through; the others say why not,
 * in words that complete "commit abc1234 ...".
 */
public sealed interface SignatureCheck {

    /** True only for {@link Trusted}. */
    default boolean passed() {
        return this instanceof Trusted;
    }

    /** Completes "commit abc1234 (subject) ..." for an operator. */
    String why();

    /** A valid signature by a trusted key; {@code signer} names the key (user id or principal, fingerprint). */
    record Trusted(String signer) implements SignatureCheck {
        @Override
        public String why() {
            return "is signed by " + signer;
        }
    }

    /** No signature at all. */
    record Unsigned() implements SignatureCheck {
        @Override
        public String why() {
            return "is not signed";
        }
    }

    /** Signed, but by a key the agent's own trust files do not list. */
    record UnknownKey(String key, String trustFile) implements SignatureCheck {
        @Override
        public String why() {
            return "is signed by a key not in " + trustFile + " (" + key + ")";
        }
    }

    /** The signature was made by a known key, but not over this commit: its content or signature was changed. */
    record Mismatch(String key) implements SignatureCheck {
        @Override
        public String why() {
            return "has a signature that does not match the commit (signature by " + key + "; the commit was changed"
                    + " after signing, or its signature was copied from another commit)";
        }
    }

    /** Any other reason the signature cannot be accepted (malformed, expired or revoked key, wrong namespace). */
    record Rejected(String detail) implements SignatureCheck {
        @Override
        public String why() {
            return "has a signature that is not accepted: " + detail;
        }
    }
}
