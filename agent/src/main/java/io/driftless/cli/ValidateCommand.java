package io.driftless.cli;

import io.driftless.desired.ManifestError;
import io.driftless.desired.ManifestFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", description = {"Lint a manifest folder (or a driftless.yaml) before you push.",
        "Prints every error as file:line:column: message. Exit 0: valid. 2: errors."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "A folder holding driftless.yaml, or the file itself.")
    Path path;

    @Override
    public Integer call() {
        List<ManifestError> errors = ManifestFiles.validateDirectory(path);
        errors.forEach(spec.commandLine().getOut()::println);
        return errors.isEmpty() ? 0 : 2;
    }
}
