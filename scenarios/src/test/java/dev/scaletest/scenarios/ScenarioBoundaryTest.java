package dev.scaletest.scenarios;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Scenario code knows neither the application (the command line, progress bars, exit statuses)
 * nor the built-in simulator: it reports through {@code RunObserver} and runs against a
 * {@code DeploymentTarget}. ArchUnit records dependencies by name, so a reference is caught even
 * where the referenced class is not on this module's class path.
 */
class ScenarioBoundaryTest {

    @Test
    void scenarioCodeUsesNeitherTheApplicationNorTheSimulator() {
        JavaClasses scenarios = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.scaletest.scenarios");
        noClasses().that().resideInAPackage("dev.scaletest.scenarios..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.scaletest.cli..", "dev.scaletest.simulator..",
                        "picocli..", "me.tongfei..")
                .because("scenarios report through RunObserver and run against a DeploymentTarget")
                .check(scenarios);
    }
}
