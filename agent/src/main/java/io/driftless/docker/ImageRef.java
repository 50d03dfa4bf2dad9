package io.driftless.docker;

import java.util.Objects;

/**
 * An image reference split the way the pull API wants it. A reference without a tag means
 * {@code :latest}: the API would otherwise pull every tag of the repository.
 *
 * @param repository everything before the tag, or the whole {@code name@sha256:...} for a digest
 * @param tag        the tag, or null for a digest reference
 */
public record ImageRef(String repository, String tag) {
    public ImageRef {
        Objects.requireNonNull(repository, "repository");
    }

    public static ImageRef parse(String image) {
        if (image.contains("@")) {
            return new ImageRef(image, null);
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        // A colon before the last slash belongs to a registry port (localhost:5000/app), not a tag.
        if (colon > slash) {
            return new ImageRef(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageRef(image, "latest");
    }
}
