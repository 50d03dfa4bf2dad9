package io.driftless.desired;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** The errors found in one manifest so far; the binder keeps going after each one so the user sees them all. */
final class Problems {
    private final String file;
    private final List<ManifestError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void at(Node node, String message) {
        at(node == null ? null : node.getStartMark(), message);
    }

    /** SnakeYAML marks are 0-based; editors and {@link ManifestError} count from 1. */
    void at(Mark mark, String message) {
        if (mark == null) {
            at(1, 1, message);
        } else {
            at(mark.getLine() + 1, mark.getColumn() + 1, message);
        }
    }

    void at(int line, int column, String message) {
        errors.add(new ManifestError(file, Math.max(1, line), Math.max(1, column), message));
    }

    /** How many errors so far; a binder compares counts to know whether its own part was clean. */
    int count() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** In file order; errors at the same spot keep the order they were found in (the sort is stable). */
    List<ManifestError> inFileOrder() {
        List<ManifestError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(ManifestError::line).thenComparingInt(ManifestError::column));
        return List.copyOf(sorted);
    }
}
