package io.driftless.cli;

import io.driftless.desired.compose.ComposeTranslator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/** {@code driftless import compose FILE}: a driftless.yaml from a docker-compose file. */
@Command(name = "import", description = "Translate another tool's file into driftless.yaml.", subcommands = ImportCommand.Compose.class)
public final class ImportCommand {
    @Command(name = "compose", description = {"Translate a docker-compose file into driftless.yaml.",
            "Exit 0: translated fully, written. 2: a key cannot be translated (each printed as file:line:column: reason; "
                    + "nothing written), OUT exists, or FILE unreadable. 1: with --partial, written without the refused keys."})
    public static final class Compose implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The compose file (docker-compose.yml).")
        Path file;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT", defaultValue = "driftless.yaml",
                description = "Where to write (default: ${DEFAULT-VALUE}); never overwritten.")
        Path output;

        @Option(names = "--partial", description = "Write what translates even when some keys are refused (exit 1).")
        boolean partial;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (Files.exists(output)) {
                err.println("error: " + output + " exists already; nothing written (pass -o OUT)");
                return 2;
            }
            ComposeTranslator.Result result = ComposeTranslator.translate(file.toString(), Files.readString(file));
            result.refusals().forEach(err::println);
            if (!result.refusals().isEmpty() && !partial) {
                err.println(result.refusals().size() + " key(s) refused; nothing written (fix them, or --partial to write the rest)");
                return 2;
            }
            Files.writeString(output, result.manifest(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            out.println("wrote " + output + "; check the lines marked 'edit', then: java -jar driftless.jar validate " + output);
            return result.refusals().isEmpty() ? 0 : 1;
        }
    }
}
