package io.driftless.desired;

/**
 * One thing wrong with a manifest, with where it is. Lines and columns are 1-based, as editors show them.
 */
public record ManifestError(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
