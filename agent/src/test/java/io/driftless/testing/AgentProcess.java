package io.driftless.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** {@code driftless run} as its own JVM process, the way an operator starts it; stopped with SIGTERM. */
public final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static AgentProcess run(E2eHost host, String... extra) {
        return run(host, List.of(), extra);
    }

    /** As {@link #run(E2eHost, String...)}, without the host's {@code dropped} flags (to see their defaults at work). */
    public static AgentProcess run(E2eHost host, List<String> dropped, String... extra) {
        List<String> base = new ArrayList<>();
        for (int i = 0; i < host.agentFlags().size(); i += 2) {
            if (!dropped.contains(host.agentFlags().get(i))) {
                base.addAll(host.agentFlags().subList(i, i + 2));
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return launch(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.driftless.Main"), Map.of(), host, base, extra);
    }

    /**
     * {@code launcher run} with the host's flags (and {@code extra}, overriding them), where {@code launcher} is how
     * the agent is started ({@code java -jar driftless.jar}, the packaged {@code bin/driftless}), with
     * {@code environment} added to this process's own, minus the JVM's option variables.
     */
    public static AgentProcess launch(List<String> launcher, Map<String, String> environment, E2eHost host, String... extra) {
        return launch(launcher, environment, host, host.agentFlags(), extra);
    }

    private static AgentProcess launch(List<String> launcher, Map<String, String> environment, E2eHost host,
                                       List<String> flags, String... extra) {
        List<String> command = new ArrayList<>(launcher);
        command.add("run");
        command.addAll(overridden(flags, List.of(extra)));
        Path log = host.dir.resolve("agent.log");
        try {
            // Appended: a test that kills and restarts the agent reads one log of the whole story.
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeAll(List.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"));
            builder.environment().putAll(environment);
            Process p = builder.start();
            return new AgentProcess(p, log);
        } catch (IOException e) {
            throw new AssertionError("cannot start the agent: " + e.getMessage(), e);
        }
    }

    /**
     * The host's flags with every {@code --flag value} pair in {@code extra} replacing the host's own (picocli refuses
     * a flag given twice), then the rest of {@code extra}.
     */
    private static List<String> overridden(List<String> base, List<String> extra) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < base.size(); i += 2) {
            if (!extra.contains(base.get(i))) {
                out.add(base.get(i));
                out.add(base.get(i + 1));
            }
        }
        out.addAll(extra);
        return out;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until {@code condition} holds, failing with the agent's log when it does not in time. */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the agent exited (" + process.exitValue() + ") while waiting for " + what + ":\n" + log());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("waited " + timeout.toSeconds() + "s for " + what + "; agent log:\n" + log());
    }

    /** SIGTERM, then the exit code. */
    public int terminate(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the agent did not stop within " + timeout.toSeconds() + "s of SIGTERM:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL (kill -9): no shutdown hook, no clean-up, nothing flushed; waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /** The exit code, once the agent has exited by itself within {@code timeout}. */
    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the agent did not exit within " + timeout.toSeconds() + "s:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
