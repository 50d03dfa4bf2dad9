package io.driftless.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One policy's folder offsite (another mount, or an rclone remote). Names are bare file names in that folder; the
 * store never reaches outside it.
 */
public interface OffsiteStore {

    /** Copies {@code file} to {@code name}, replacing nothing half-written; answers where the copy is, for people. */
    String put(Path file, String name) throws IOException;

    /** Reads the copy back in full and answers its sha256 in lower-case hex, as the store holds it now. */
    String sha256(String name) throws IOException;

    /** The names of the files in the folder (none when it does not exist yet). */
    List<String> list() throws IOException;

    void delete(String name) throws IOException;
}
