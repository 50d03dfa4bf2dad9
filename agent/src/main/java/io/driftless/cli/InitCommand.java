package io.driftless.cli;

import io.driftless.desired.ManifestFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;

/** Writes a starter {@code driftless.yaml} and an agent config file; never overwrites a file. */
@Command(name = "init", description = {"Write a starter driftless.yaml and driftless.conf (the agent's config) into DIR.",
        "Never overwrites a file. Exit 0: written. 2: a file exists already (nothing written) or DIR cannot be written."})
public final class InitCommand implements Callable<Integer> {
    public static final String CONFIG_FILE = "driftless.conf";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", defaultValue = ".", description = "The folder (default: the current one); made if missing.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path manifest = dir.resolve(ManifestFiles.MANIFEST_FILE);
        Path config = dir.resolve(CONFIG_FILE);
        for (Path file : List.of(manifest, config)) {
            if (Files.exists(file)) {
                err.println("error: " + file + " exists already; nothing written (move it away, or edit it)");
                return 2;
            }
        }
        Files.createDirectories(dir);
        write(manifest, "init-driftless.yaml");
        try {
            write(config, "init-driftless.conf");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(manifest);
            throw e;
        }
        out.println("wrote " + manifest + " (a starter manifest: edit the image, port, health path and route host)");
        out.println("wrote " + config + " (the agent's config: install as /etc/driftless/driftless.conf on the host)");
        out.println("next:");
        out.println("  java -jar driftless.jar validate " + dir);
        out.println("  git init && git add " + ManifestFiles.MANIFEST_FILE + " && git commit -m 'driftless.yaml' && git push");
        out.println("  java -jar driftless.jar run --repo https://git.example.com/acme/deploy.git --branch main   (on the host)");
        return 0;
    }

    private static void write(Path file, String resource) throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing resource " + resource));
            }
            try {
                Files.write(file, in.readAllBytes(), StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                throw new IOException(file + " appeared while writing; left as it is", e);
            }
        }
    }
}
