package io.driftless;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rule of docs/architecture.md, checked on the compiled agent (not its tests). A failure names the
 * rule that was broken and every import that breaks it. Packages that do not exist yet pass.
 */
class ArchitectureTest {
    static final String ROOT = "io.driftless";
    /** Pure: values and decisions, no I/O. */
    static final String[] PURE = {"desired", "live", "plan", "events"};
    /** Core: the agent's logic, talking to the world only through ports (interfaces) it owns. */
    static final String[] CORE = {"rollout", "schedule", "backup", "health"};
    /** A port package: the interface and values of a store whose implementations are adapters. */
    static final String[] PORTS = {"ledger"};
    /** Adapters: the one place that knows a library, a protocol or a daemon. */
    static final String[] ADAPTERS = {"docker", "proxy", "source", "policy", "http", "cli", "ledger.sql", "ledger.memory",
            "notify", "metrics", "health.http", "pgclient", "offsite"};
    /** Shared kernel, importable by anyone: clocks and sleeps, small I/O pieces. */
    static final String[] KERNEL = {"time", "io"};

    static JavaClasses agent;

    @BeforeAll
    static void importTheAgent() throws Exception {
        // The folder Main was compiled to: scanning the whole class path for the package reads every jar (20 s).
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        agent = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(classes);
    }

    @Test
    void purePackagesImportNoAdapterAndNoCoreWithSideEffects() {
        noClasses().that().resideInAnyPackage(withSubpackages(PURE))
                .should().dependOnClassesThat().resideInAnyPackage(withSubpackages(concat(ADAPTERS, new String[]{"rollout", "schedule"})))
                .orShould().dependOnClassesThat().resideInAPackage(ROOT)
                .allowEmptyShould(true)
                .because("docs/architecture.md, dependency rule 1: the pure packages (desired, live, plan, events) import no "
                        + "adapter and neither rollout nor schedule")
                .check(agent);
    }

    @Test
    void coreAndPortPackagesNeverDependOnAnAdapter() {
        noClasses().that(resideInCore())
                .should().dependOnClassesThat().resideInAnyPackage(withSubpackages(ADAPTERS))
                .orShould().dependOnClassesThat().resideInAPackage(ROOT)
                .allowEmptyShould(true)
                .because("docs/architecture.md, dependency rule 2: the core (rollout, schedule, backup, health) and the ledger "
                        + "port depend on ports they own, never on an adapter's types; an adapter implements the port")
                .check(agent);
    }

    @Test
    void adaptersDoNotImportEachOther() {
        classes().that(resideInAnAdapter())
                .should(notDependOnAnotherAdapter())
                .allowEmptyShould(true)
                .because("docs/architecture.md, dependency rule 3: adapters do not import each other; what two adapters "
                        + "share is a port in the core or a value in the shared kernel, and the composition root joins them")
                .check(agent);
    }

    @Test
    void onlyTheCompositionRootWires() {
        noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .allowEmptyShould(true)
                .because("docs/architecture.md, dependency rule 4: io.driftless (Main, Agent) is the composition root, the only "
                        + "place that wires; nothing imports it (cli reaches the agent through its own port, cli.Assembly)")
                .check(agent);
    }

    @Test
    void theSharedKernelImportsNothingOfTheAgent() {
        noClasses().that().resideInAnyPackage(withSubpackages(KERNEL))
                .should().dependOnClassesThat(resideInTheAgentOutside(KERNEL))
                .allowEmptyShould(true)
                .because("docs/architecture.md, dependency rule 5: the shared kernel (time, io) is imported by anyone, so it "
                        + "imports nothing of the agent itself")
                .check(agent);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..")
                .should().beFreeOfCycles()
                .allowEmptyShould(true)
                .because("docs/architecture.md, dependency rule 6: no package cycles; a package that needs one above it "
                        + "takes a port (an interface it owns) instead")
                .check(agent);
    }

    private static String[] withSubpackages(String... packages) {
        return Arrays.stream(packages).map(p -> ROOT + "." + p + "..").toArray(String[]::new);
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }

    /** {@code rollout.x} is in {@code rollout}; {@code health.http} is in {@code health.http}, not in {@code health}. */
    static Optional<String> closest(String packageName, String... candidates) {
        String best = null;
        for (String candidate : candidates) {
            String full = ROOT + "." + candidate;
            if ((packageName.equals(full) || packageName.startsWith(full + ".")) && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Which group a package belongs to: its closest match among every named package. */
    static Optional<String> group(String packageName) {
        String[] all = Stream.of(PURE, CORE, PORTS, ADAPTERS, KERNEL).flatMap(Arrays::stream).toArray(String[]::new);
        return closest(packageName, all);
    }

    static boolean isAdapter(String packageName) {
        return group(packageName).map(List.of(ADAPTERS)::contains).orElse(false);
    }

    private static DescribedPredicate<JavaClass> resideInCore() {
        return DescribedPredicate.describe("reside in the core or a port package",
                c -> group(c.getPackageName()).map(g -> List.of(CORE).contains(g) || List.of(PORTS).contains(g)).orElse(false));
    }

    private static DescribedPredicate<JavaClass> resideInAnAdapter() {
        return DescribedPredicate.describe("reside in an adapter", c -> isAdapter(c.getPackageName()));
    }

    private static DescribedPredicate<JavaClass> resideInTheAgentOutside(String[] packages) {
        return DescribedPredicate.describe("reside in the agent outside " + String.join(", ", packages),
                c -> c.getPackageName().startsWith(ROOT) && closest(c.getPackageName(), packages).isEmpty());
    }

    private static ArchCondition<JavaClass> notDependOnAnotherAdapter() {
        return new ArchCondition<>("not depend on another adapter") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = group(origin.getPackageName()).orElseThrow();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    if (isAdapter(target) && !group(target).orElseThrow().equals(own)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
