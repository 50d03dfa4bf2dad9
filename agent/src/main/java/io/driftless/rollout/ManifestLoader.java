package io.driftless.rollout;

import io.driftless.desired.InvalidManifestException;
import io.driftless.desired.Manifest;
import io.driftless.desired.ManifestError;
import io.driftless.desired.ManifestParser;

import java.util.List;
import java.util.Optional;

import static io.driftless.events.Commits.shortSha;

/** Reads and checks the manifest of a commit: what the commit asks the host to run. */
final class ManifestLoader {
    private final CommitSource source;

    ManifestLoader(CommitSource source) {
        this.source = source;
    }

    /** Where the manifest lives in the repository, for error positions. */
    String path() {
        return source.manifestPath();
    }

    /**
     * @throws InvalidManifestException the commit's manifest is not one (with positions), or is no usable file
     * @throws Missing                  the commit has no manifest at all
     */
    Manifest load(String commit) throws RepositoryException, InvalidManifestException, Missing {
        Optional<byte[]> found;
        try {
            found = source.manifestAt(commit);
        } catch (RepositoryException e) {
            if (!e.commitsFault()) {
                throw e;
            }
            // A symlink, a folder, too large: the commit's fault, not the repository's.
            throw new InvalidManifestException(List.of(new ManifestError(source.manifestPath(), 1, 1, e.getMessage())));
        }
        byte[] bytes = found.orElseThrow(() -> new Missing(
                "commit " + shortSha(commit) + " has no " + source.manifestPath() + "; add one, or point --path at the folder that holds it"));
        return ManifestParser.parse(source.manifestPath(), bytes);
    }

    /** The commit has no manifest file. */
    static final class Missing extends Exception {
        Missing(String message) {
            super(message);
        }
    }
}
