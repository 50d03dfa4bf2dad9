package io.driftless.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Defaults for every flag from the environment, then from a config file: {@code --state-dir} is read from
 * {@code DRIFTLESS_STATE_DIR}, then from the line {@code state-dir = ...} of the config file. The config file
 * is {@code --config FILE}, else {@code DRIFTLESS_CONFIG}, else {@code /etc/driftless/driftless.conf} when it
 * exists (Java properties syntax).
 */
public final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
    public static final Path SYSTEM_CONFIG = Path.of("/etc/driftless/driftless.conf");
    private final Map<String, String> environment;
    private final Properties file;
    private final Path fileName;

    public EnvironmentDefaults(Map<String, String> environment, Path configFile) {
        this.environment = environment;
        this.fileName = configFile;
        this.file = new Properties();
        if (configFile != null) {
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the config file " + configFile + ": " + e.getMessage());
            }
        }
    }

    /** The config file named by {@code --config} in {@code args}, else by the environment, else the system one. */
    public static Path configFile(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String env = environment.get("DRIFTLESS_CONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Files.isRegularFile(SYSTEM_CONFIG) ? SYSTEM_CONFIG : null;
    }

    public static String variableFor(String longName) {
        return "DRIFTLESS_" + longName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (!(argSpec instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        String name = option.longestName();
        if (name.equals("--config")) {
            return fileName == null ? null : fileName.toString();
        }
        String fromEnv = environment.get(variableFor(name));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String fromFile = file.getProperty(name.replaceFirst("^-+", ""));
        if (fromFile != null) {
            return fromFile.strip();
        }
        return option.defaultValue();
    }
}
