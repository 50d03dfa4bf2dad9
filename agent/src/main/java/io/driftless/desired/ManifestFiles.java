package io.driftless.desired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading {@code driftless.yaml} from disk, for {@code driftless validate PATH}. */
public final class ManifestFiles {
    public static final String MANIFEST_FILE = "driftless.yaml";

    private ManifestFiles() {
    }

    /**
     * Every problem with the manifest at {@code path}: a directory holding {@code driftless.yaml}, or the YAML file
     * itself. Empty when the manifest is valid. Problems with the file as a whole are at line 1, column 1.
     */
    public static List<ManifestError> validateDirectory(Path path) {
        try {
            read(path);
            return List.of();
        } catch (InvalidManifestException e) {
            return e.errors();
        }
    }

    /** The manifest at {@code path} (a directory holding {@code driftless.yaml}, or the file itself). */
    public static Manifest read(Path path) throws InvalidManifestException {
        Path file = Files.isDirectory(path) ? path.resolve(MANIFEST_FILE) : path;
        String name = file.toString();
        if (!Files.exists(file)) {
            throw fileProblem(name, Files.isDirectory(path)
                    ? "there is no " + MANIFEST_FILE + " in " + path + "; create it (it starts with version: 1)"
                    : "no such file or directory; give the directory that holds " + MANIFEST_FILE + ", or the file");
        }
        if (!Files.isRegularFile(file)) {
            throw fileProblem(name, "is not a regular file; give the directory that holds " + MANIFEST_FILE
                    + ", or the file");
        }
        try {
            if (Files.size(file) > ManifestParser.MAX_CHARACTERS * 4L) {
                throw fileProblem(name, "the file is too large (" + Files.size(file) + " bytes); a manifest may have"
                        + " at most " + ManifestParser.MAX_CHARACTERS + " characters");
            }
            return ManifestParser.parse(name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw fileProblem(name, "cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check that it exists and that this "
                    + "user may read it");
        }
    }

    private static InvalidManifestException fileProblem(String file, String message) {
        return new InvalidManifestException(List.of(new ManifestError(file, 1, 1, message)));
    }
}
