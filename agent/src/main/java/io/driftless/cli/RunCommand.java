package io.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "run", description = {"Poll the repository and converge the host, until stopped (SIGTERM or Ctrl-C).",
        "Never exits on a transient error; a pass in progress is finished before it stops."})
public final class RunCommand implements Callable<Integer> {
    private final Assembly assembly;

    @Mixin
    AgentOptions options;

    public RunCommand(Assembly assembly) {
        this.assembly = assembly;
    }

    @Override
    public Integer call() throws Exception {
        return assembly.run(options);
    }
}
