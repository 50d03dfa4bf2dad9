package io.driftless.source;

import io.driftless.source.SourceException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the operator's trust files (keyring, allowed signers), failing with what to do when one is unusable. */
final class TrustFiles {
    private TrustFiles() {}

    static byte[] read(Path file, String flag, String todo) throws SourceException {
        if (!Files.isRegularFile(file)) {
            throw new SourceException(Reason.BAD_CONFIGURATION, "the trust file " + file + " (" + flag + ") does not"
                    + " exist or is not a file; " + todo);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                throw new SourceException(Reason.BAD_CONFIGURATION, "the trust file " + file + " (" + flag
                        + ") is empty; " + todo);
            }
            return bytes;
        } catch (IOException e) {
            throw new SourceException(Reason.BAD_CONFIGURATION, "cannot read the trust file " + file + " (" + flag
                    + "): " + e.getMessage() + "; check that the agent's user may read it");
        }
    }
}
