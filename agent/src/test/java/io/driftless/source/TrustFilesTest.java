package io.driftless.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trust file that cannot work fails at start-up with its path and what to do, instead of refusing every commit. */
class TrustFilesTest {
    @TempDir
    Path tmp;

    @Test
    void missingKeyringNamesTheFileAndTheCommandThatMakesIt() {
        Path missing = tmp.resolve("nope.asc");

        SourceException e = assertThrows(SourceException.class, () -> TrustedSigners.load(missing, null));

        assertEquals(SourceException.Reason.BAD_CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains(missing + " (--trusted-gpg-keys) does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("gpg --export --armor"), e.getMessage());
    }

    @Test
    void keyringThatHoldsNoKeyIsRejected() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.asc"), "not a key\n");

        SourceException e = assertThrows(SourceException.class, () -> TrustedSigners.load(junk, null));

        assertTrue(e.getMessage().contains("the OpenPGP keyring " + junk), e.getMessage());
    }

    @Test
    void allowedSignersLineThatDoesNotParseIsReportedWithItsLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("allowed_signers"),
                "# ok so far\nops@example.com ssh-ed25519 not-base64!\n");

        SourceException e = assertThrows(SourceException.class, () -> TrustedSigners.load(null, file));

        assertEquals(SourceException.Reason.BAD_CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains("the allowed signers file " + file + " (--allowed-signers) cannot be used"),
                e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void emptyAllowedSignersFileIsRejected() throws Exception {
        Path file = Files.writeString(tmp.resolve("allowed_signers"), "");

        SourceException e = assertThrows(SourceException.class, () -> TrustedSigners.load(null, file));

        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }
}
