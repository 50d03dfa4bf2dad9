package io.driftless.desired;

import java.util.List;
import java.util.stream.Collectors;

/** The manifest has one or more errors; all of them are listed, in file order. */
public final class InvalidManifestException extends Exception {
    private final List<ManifestError> errors;

    public InvalidManifestException(List<ManifestError> errors) {
        super(errors.stream().map(ManifestError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ManifestError> errors() {
        return errors;
    }
}
