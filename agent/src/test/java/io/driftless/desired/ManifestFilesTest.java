package io.driftless.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.driftless.testing.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless validate PATH}: a directory holding driftless.yaml, or the file itself. */
class ManifestFilesTest {
    @TempDir
    Path dir;

    @Test
    void aValidManifestDirectoryHasNoErrors() throws IOException {
        Files.writeString(dir.resolve("driftless.yaml"), Manifests.DESIGN_EXAMPLE);

        assertEquals(List.of(), ManifestFiles.validateDirectory(dir));
        assertEquals(List.of(), ManifestFiles.validateDirectory(dir.resolve("driftless.yaml")));
    }

    @Test
    void errorsNameTheFileAsFoundInTheDirectory() throws IOException {
        Files.writeString(dir.resolve("driftless.yaml"), "version: 1\nservices:\n  web: {imgae: x}\n");

        List<ManifestError> errors = ManifestFiles.validateDirectory(dir);

        String file = dir.resolve("driftless.yaml").toString();
        assertEquals(2, errors.size(), errors::toString);
        assertEquals(new ManifestError(file, 3, 3, "services.web: image is required, for example image: "
                + "registry.example.com/acme/web:1.4.2"), errors.get(0));
        assertEquals(file + ":3:9: services.web.imgae: unknown key; did you mean image? Allowed here: image, port, "
                + "env, command, volumes, health, rollout, routes, privileged, network, pid, capabilities, devices, user, snapshot",
                errors.get(1).toString());
    }

    @Test
    void aDirectoryWithoutAManifestSaysWhatToCreate() {
        List<ManifestError> errors = ManifestFiles.validateDirectory(dir);

        assertEquals(1, errors.size());
        ManifestError error = errors.get(0);
        assertEquals(dir.resolve("driftless.yaml").toString(), error.file());
        assertEquals(List.of(1, 1), List.of(error.line(), error.column()));
        assertTrue(error.message().startsWith("there is no driftless.yaml in " + dir), error.message());
    }

    @Test
    void aPathThatDoesNotExistIsOneError() {
        List<ManifestError> errors = ManifestFiles.validateDirectory(dir.resolve("nope"));

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().startsWith("no such file or directory"), errors::toString);
    }

    @Test
    void aFileThatIsNotUtf8IsReportedAtTheFirstBadByte() throws IOException {
        Files.write(dir.resolve("driftless.yaml"), new byte[] {'v', 'e', 'r', 's', 'i', 'o', 'n', ':', ' ', '1', '\n',
                '#', ' ', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xFF, '\n'});

        List<ManifestError> errors = ManifestFiles.validateDirectory(dir);

        assertEquals(1, errors.size(), errors::toString);
        assertEquals(List.of(2, 5), List.of(errors.get(0).line(), errors.get(0).column()));
        assertTrue(errors.get(0).message().contains("the file is not UTF-8 text (byte 0xff here); save it as UTF-8"));
    }

    @Test
    void aLatin1FileIsRefusedRatherThanMisread() throws IOException {
        Files.write(dir.resolve("driftless.yaml"), "version: 1\nservices:\n  caf\u00e9: {image: a/b}\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertTrue(ManifestFiles.validateDirectory(dir).get(0).message().contains("not UTF-8"));
    }

    @Test
    void aDirectoryNamedLikeTheManifestIsNotAFile() throws IOException {
        Files.createDirectory(dir.resolve("driftless.yaml"));

        List<ManifestError> errors = ManifestFiles.validateDirectory(dir);

        assertTrue(errors.get(0).message().startsWith("is not a regular file"), errors::toString);
    }

    @Test
    void aFileThatFailsToReadIsOneErrorNotAnException() {
        // Tests may run as root, who can read any chmod 000 file; reading /proc/self/mem at offset 0 always fails
        // with EIO on Linux, the only platform the agent runs on.
        List<ManifestError> errors = ManifestFiles.validateDirectory(Path.of("/proc/self/mem"));

        assertEquals(1, errors.size(), errors::toString);
        assertEquals(List.of(1, 1), List.of(errors.get(0).line(), errors.get(0).column()));
        assertTrue(errors.get(0).message().startsWith("cannot be read (IOException: Input/output error)"), errors::toString);
    }

    @Test
    void aDanglingSymlinkIsAMissingFile() throws IOException {
        Path dangling = Files.createSymbolicLink(dir.resolve("link.yaml"), dir.resolve("missing-target.yaml"));

        List<ManifestError> errors = ManifestFiles.validateDirectory(dangling);

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().startsWith("no such file or directory"), errors::toString);
    }
}
