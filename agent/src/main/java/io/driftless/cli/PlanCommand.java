package io.driftless.cli;

import io.driftless.desired.InvalidManifestException;
import io.driftless.desired.ManifestError;
import io.driftless.events.Commits;
import io.driftless.plan.Change;
import io.driftless.plan.Step;
import io.driftless.rollout.Reconciler;
import io.driftless.rollout.SourceGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "plan", description = {
        "Show what a pass would do with the branch tip, and change nothing.",
        "Exit 0: no changes. 1: changes. 2: error."})
public final class PlanCommand implements Callable<Integer> {
    private final Assembly assembly;

    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions options;

    public PlanCommand(Assembly assembly) {
        this.assembly = assembly;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = Output.of(spec, options);
        try (Assembly.OneShot agent = assembly.agent(options)) {
            Reconciler.Preview preview;
            try {
                preview = agent.reconciler().preview();
            } catch (InvalidManifestException e) {
                for (ManifestError error : e.errors()) {
                    spec.commandLine().getErr().println(error);
                }
                return 2;
            }
            out.println("commit " + Commits.shortSha(preview.revision()) + " (" + preview.revision() + ")");
            preview.failedBefore().ifPresent(f -> out.println("note: this commit failed before (" + f.reason() + ": "
                    + f.message() + "); 'run' skips it, 'reconcile --retry' tries it again"));
            if (preview.sourceRefusal().isPresent()) {
                SourceGate.Refusal r = preview.sourceRefusal().get();
                out.println("refused by the source gate (" + r.reason() + "): a pass would mark this commit failed and keep"
                        + " the last known-good one");
                out.println("  " + r.message());
                return 2;
            }
            if (!preview.policyViolations().isEmpty()) {
                out.println("refused by the host policy (PolicyViolation): a pass would mark this commit failed and keep the last known-good one");
                preview.policyViolations().forEach(v -> out.println("  " + v));
                return 2;
            }
            if (preview.refusal().isPresent()) {
                out.println("refused: " + preview.refusal().get());
                return 2;
            }
            if (preview.plan().isEmpty()) {
                out.println("no changes: the host runs this commit");
                return 0;
            }
            out.println("changes:");
            for (Change change : preview.plan().changes()) {
                out.println("  " + change);
            }
            out.println("steps:");
            int n = 1;
            for (Step step : preview.plan().steps()) {
                out.println(String.format("  %2d. %s%s", n++, step.service() == null ? "" : step.service() + ": ", step.describe()));
            }
            return 1;
        }
    }
}
