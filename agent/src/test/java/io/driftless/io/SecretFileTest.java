package io.driftless.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path tmp;

    private SecretFile secret(Path file) {
        return new SecretFile(file, "--webhook-secret-file", "the secret", "--webhook-secret-file");
    }

    @Test
    void whitespaceAroundTheSecretIsDropped() throws Exception {
        Path file = Files.writeString(tmp.resolve("secret"), " \t s3cret value\r\n\n");
        assertArrayEquals("s3cret value".getBytes(StandardCharsets.UTF_8), secret(file).read());
    }

    @Test
    void bytesThatAreNotTextAreKept() throws Exception {
        byte[] raw = {(byte) 0xff, 0x00, (byte) 0x85, 0x41};
        Path file = Files.write(tmp.resolve("secret"), raw);
        assertArrayEquals(raw, secret(file).read());
    }

    @Test
    void aMissingFileSaysWhatToWriteAndWhatToPointElsewhere() {
        Path file = tmp.resolve("absent");
        SecretFile.Unusable e = assertThrows(SecretFile.Unusable.class,
                () -> new SecretFile(file, "the Git token file", "the access token", "the token file setting").read());
        assertEquals("the Git token file " + file + " does not exist; write the access token into it (chmod 600) or"
                + " point the token file setting at the right file", e.getMessage());
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("secret"), " \n\n");
        SecretFile.Unusable e = assertThrows(SecretFile.Unusable.class, () -> secret(file).read());
        assertEquals("--webhook-secret-file " + file + " is empty; write the secret into it", e.getMessage());
    }

    @Test
    void anUnreadableFileNamesTheProblemNotTheContent() {
        SecretFile.Unusable e = assertThrows(SecretFile.Unusable.class, () -> secret(tmp).read());
        assertEquals("cannot read --webhook-secret-file " + tmp + " (IOException); check that the agent's user may"
                + " read it", e.getMessage());
    }
}
