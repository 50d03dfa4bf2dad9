package io.driftless.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.rollout.SourceGate.Refusal;
import io.driftless.testing.GitRemoteFixture;
import io.driftless.testing.Integration;
import io.driftless.testing.SignedCommits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signature checks over real commits signed by {@code gpg} and {@code ssh-keygen} through {@code git}: trusted
 * signatures pass; unsigned, unknown-key and tampered commits anywhere in the range are refused by name.
 */
@Integration
class SignedHistoryTest extends GitRemoteFixture {
    @TempDir
    static Path keys;
    static SignedCommits.Gpg alice;
    static SignedCommits.Gpg mallory;
    static SignedCommits.Ssh bobEd25519;
    static SignedCommits.Ssh carolRsa;
    static SignedCommits.Ssh eve;
    static Path keyring;
    static Path allowedSigners;

    GitSource git;
    String base;

    @BeforeAll
    static void makeKeys() throws Exception {
        alice = SignedCommits.gpgKey(keys.resolve("gpg-alice"), "Alice", "alice@example.com");
        mallory = SignedCommits.gpgKey(keys.resolve("gpg-mallory"), "Mallory", "mallory@example.com");
        bobEd25519 = SignedCommits.sshKey(keys.resolve("ssh-bob"), "ed25519", "bob@example.com");
        carolRsa = SignedCommits.sshKey(keys.resolve("ssh-carol"), "rsa", "carol@example.com");
        eve = SignedCommits.sshKey(keys.resolve("ssh-eve"), "ed25519", "eve@example.com");
        keyring = alice.exportPublicKey(keys.resolve("trusted.asc"));
        allowedSigners = Files.writeString(keys.resolve("allowed_signers"), "# deployers\n"
                + bobEd25519.allowedSignersLine() + "\n" + carolRsa.allowedSignersLine() + "\n");
    }

    @AfterAll
    static void stopAgents() {
        alice.close();
        mallory.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        base = remote.commit("base, applied before signing was required", manifest(0));
        git = new GitSource(new SourceConfig(remote.url(), "main", ".", cache, new Credentials.None()));
        git.fetch();
    }

    @AfterEach
    void tearDown() {
        git.close();
    }

    @Test
    void commitsSignedByTrustedGpgAndSshKeysPass() throws Exception {
        remote.commitSigned("web 1 by alice (gpg)", manifest(1), alice);
        remote.commitSigned("web 2 by bob (ssh ed25519)", manifest(2), bobEd25519);
        String tip = remote.commitSigned("web 3 by carol (ssh rsa)", manifest(3), carolRsa);

        assertEquals(Optional.empty(), check(base, tip));
    }

    @Test
    void unsignedCommitIsRefused() throws Exception {
        String tip = remote.commit("web 1, unsigned", manifest(1));

        Refusal refusal = check(base, tip).orElseThrow();

        assertEquals("SignatureInvalid", refusal.reason().code());
        assertEquals(tip, refusal.commit());
        assertTrue(refusal.message().startsWith("commit " + tip.substring(0, 12) + " (\"web 1, unsigned\") is not"
                + " signed;"), refusal.message());
    }

    @Test
    void commitSignedByAGpgKeyNotInTheKeyringIsRefused() throws Exception {
        String tip = remote.commitSigned("web 1 by mallory", manifest(1), mallory);

        Refusal refusal = check(base, tip).orElseThrow();

        assertEquals("SignatureInvalid", refusal.reason().code());
        assertTrue(refusal.message().contains("is signed by a key not in " + keyring), refusal.message());
        assertTrue(refusal.message().contains(mallory.fingerprint()), refusal.message());
    }

    @Test
    void commitSignedByAnSshKeyNotInAllowedSignersIsRefused() throws Exception {
        String tip = remote.commitSigned("web 1 by eve", manifest(1), eve);

        Refusal refusal = check(base, tip).orElseThrow();

        assertTrue(refusal.message().contains("(\"web 1 by eve\") is signed by a key not in " + allowedSigners
                + " (SSH key SHA256:"), refusal.message());
    }

    @Test
    void gpgSignatureCopiedFromAnotherCommitIsRefused() throws Exception {
        assertTamperedSignatureIsRefused(alice);
    }

    @Test
    void sshSignatureCopiedFromAnotherCommitIsRefused() throws Exception {
        assertTamperedSignatureIsRefused(bobEd25519);
    }

    @Test
    void unsignedCommitInTheMiddleOfTheRangeIsRefusedByName() throws Exception {
        remote.commitSigned("web 1 by alice", manifest(1), alice);
        String middle = remote.commit("web 2, sneaked in unsigned", manifest(2));
        String tip = remote.commitSigned("web 3 by bob", manifest(3), bobEd25519);

        Refusal refusal = check(base, tip).orElseThrow();

        assertEquals(middle, refusal.commit());
        assertTrue(refusal.message().startsWith("commit " + middle.substring(0, 12)
                + " (\"web 2, sneaked in unsigned\") is not signed"), refusal.message());
    }

    @Test
    void unsignedMergeCommitIsRefused() throws Exception {
        remote.git(Map.of(), List.of("checkout", "-q", "-b", "feature"));
        remote.commitWithGit("feature by bob", Map.of("feature.txt", "x"), Map.of(), bobEd25519.gitOptions());
        remote.git(Map.of(), List.of("checkout", "-q", "main"));
        remote.commitSigned("web 1 by alice", manifest(1), alice);
        remote.git(Map.of(), List.of("-c", "user.name=T", "-c", "user.email=t@example.com", "merge", "-q", "--no-ff",
                "--no-gpg-sign", "-m", "merge feature, unsigned", "feature"));
        String merge = remote.git(Map.of(), List.of("rev-parse", "HEAD")).strip();
        remote.forcePushReset(merge);
        String tip = git.fetch();

        Refusal refusal = check(base, tip).orElseThrow();

        assertEquals(merge, refusal.commit());
        assertTrue(refusal.message().contains("merge feature, unsigned"), refusal.message());
    }

    @Test
    void beforeTheFirstApplyOnlyTheTipIsCheckedUnlessTrustFromIsSet() throws Exception {
        String unsigned = remote.commit("web 1, unsigned", manifest(1));
        String tip = remote.commitSigned("web 2 by alice", manifest(2), alice);
        git.fetch();

        assertEquals(Optional.empty(), guard(null).check(null, tip), "the tip is signed");
        Refusal refusal = guard(base).check(null, tip).orElseThrow();
        assertEquals(unsigned, refusal.commit(), "--trust-from " + base + " checks every commit after it");
        assertTrue(refusal.message().contains("after the --trust-from commit " + base.substring(0, 12)),
                refusal.message());
    }

    @Test
    void trustFromACommitNotInTheRepositoryIsAConfigurationError() throws Exception {
        String tip = remote.commitSigned("web 1 by alice", manifest(1), alice);
        git.fetch();

        SourceException e = org.junit.jupiter.api.Assertions.assertThrows(SourceException.class,
                () -> guard("0123456789abcdef0123456789abcdef01234567").check(null, tip));

        assertEquals(SourceException.Reason.BAD_CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains("--trust-from"), e.getMessage());
    }

    /** Commit B's object with commit A's (valid, trusted) signature pasted in: the signature no longer matches. */
    private void assertTamperedSignatureIsRefused(SignedCommits.Signer signer) throws Exception {
        String a = remote.commitSigned("web 1", manifest(1), signer);
        String b = remote.commitSigned("web 2", manifest(2), signer);
        assertEquals(Optional.empty(), check(base, b), "the genuine commits pass");
        String rawA = remote.git(Map.of(), List.of("cat-file", "commit", a));
        String rawB = remote.git(Map.of(), List.of("cat-file", "commit", b));
        String forged = remote.writeCommitObject(rawB.replace(gpgsig(rawB), gpgsig(rawA)));
        remote.forcePushReset(forged);
        String tip = git.fetch();
        assertEquals(forged, tip, "the forged commit replaces b: same parent, tree and message, a's signature");

        Refusal refusal = check(base, tip).orElseThrow();

        assertEquals(forged, refusal.commit());
        assertTrue(refusal.message().contains("has a signature that does not match the commit"), refusal.message());
    }

    /** The gpgsig header of a raw commit: its first line and the continuation lines that start with a space. */
    private static String gpgsig(String raw) {
        int start = raw.indexOf("\ngpgsig ") + 1;
        int end = start;
        do {
            end = raw.indexOf('\n', end) + 1;
        } while (raw.charAt(end) == ' ');
        return raw.substring(start, end);
    }

    private Optional<Refusal> check(String lastApplied, String tip) throws SourceException {
        git.fetch();
        return guard(null).check(lastApplied, tip);
    }

    private SourceGuard guard(String trustFrom) throws SourceException {
        return new SourceGuard(git, false, TrustedSigners.load(keyring, allowedSigners), trustFrom);
    }

    private static Map<String, String> manifest(int version) {
        return Map.of("driftless.yaml", "version: 1\nservices: {web: {image: web:" + version + "}}\n");
    }
}
