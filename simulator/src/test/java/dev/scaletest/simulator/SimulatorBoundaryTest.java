package dev.scaletest.simulator;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The simulator stands in for coderd and shares nothing with the client it tests but the library
 * that runs MINA's sessions on Netty ({@code minanetty}), which knows neither. Inside, each
 * package imports what its {@code package-info} allows. The root package holds two kinds of class:
 * the server that wires every part ({@code Simulator}, {@code SimulatorServer}) and the option
 * records and stats that every part reads; the parts may use the second kind only.
 */
class SimulatorBoundaryTest {

    private static final JavaClasses SIMULATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scaletest.simulator");

    private static final DescribedPredicate<JavaClass> SERVER =
            belongToAnyOf(Simulator.class, SimulatorServer.class, ServerTransport.class, SelfSignedAuthority.class);
    private static final DescribedPredicate<JavaClass> OPTIONS = belongToAnyOf(SimulatorOptions.class,
            AccessRules.class, Faults.class, Distribution.class, SimulatorStats.class, ServerTls.class);

    @Test
    void importsNothingOfTheClient() {
        classes().that().resideInAPackage("dev.scaletest.simulator..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.scaletest..")
                        .or(resideInAPackage("dev.scaletest.simulator.."))
                        .or(resideInAPackage("dev.scaletest.minanetty")))
                .check(SIMULATOR);
    }

    @Test
    void eachPackageImportsOnlyWhatItsPackageInfoAllows() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("dev.scaletest.simulator..")
                .layer("server").definedBy(SERVER)
                .layer("options").definedBy(OPTIONS)
                .layer("agent").definedBy("dev.scaletest.simulator.agent")
                .layer("api").definedBy("dev.scaletest.simulator.api")
                .layer("app").definedBy("dev.scaletest.simulator.app")
                .layer("ratelimit").definedBy("dev.scaletest.simulator.ratelimit")
                .layer("ssh").definedBy("dev.scaletest.simulator.ssh")
                .layer("state").definedBy("dev.scaletest.simulator.state")
                .layer("terminal").definedBy("dev.scaletest.simulator.terminal")
                .layer("wire").definedBy("dev.scaletest.simulator.wire")
                .whereLayer("server").mayNotBeAccessedByAnyLayer()
                .whereLayer("options").mayOnlyAccessLayers("agent", "ratelimit")
                .whereLayer("agent").mayNotAccessAnyLayer()
                .whereLayer("ratelimit").mayNotAccessAnyLayer()
                .whereLayer("wire").mayNotAccessAnyLayer()
                .whereLayer("state").mayOnlyAccessLayers("options", "agent", "wire")
                .whereLayer("terminal").mayOnlyAccessLayers("options", "agent")
                .whereLayer("app").mayOnlyAccessLayers("options", "agent", "terminal")
                .whereLayer("ssh").mayOnlyAccessLayers("options", "agent", "terminal")
                .whereLayer("api").mayOnlyAccessLayers("options", "agent", "ratelimit", "state", "wire")
                .check(SIMULATOR);
    }

    /**
     * The root package and its subpackages import each other, because the option records live
     * beside the server; leaving out the uses of the option records, the packages form no cycle.
     */
    @Test
    void packagesFormNoCycleButThroughTheOptionRecords() {
        slices().matching("dev.scaletest.(**)").should().beFreeOfCycles()
                .ignoreDependency(alwaysTrue(), OPTIONS)
                .check(SIMULATOR);
    }
}
