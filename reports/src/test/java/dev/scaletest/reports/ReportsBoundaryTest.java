package dev.scaletest.reports;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Reports read what a run recorded (results, metrics, error classes) and nothing of the Coder
 * client, the streams, the scenarios, the application or the simulator. Inside the module the HTML
 * page sits on the report model and the thresholds, and the model on the thresholds.
 *
 * <p>The rules see compiled classes. {@code LiveThresholdSubject} in {@code reports.thresholds}
 * imports {@link MetricNames}, but only its constants, which the compiler copies into the reading
 * class; that one source import from the thresholds into the model is allowed and not seen here.
 */
class ReportsBoundaryTest {

    private static final JavaClasses REPORTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scaletest.reports");

    @Test
    void importsOnlyResultsMetricsAndErrorClassesOfTheHarness() {
        classes().that().resideInAPackage("dev.scaletest.reports..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.scaletest..").or(resideInAnyPackage(
                        "dev.scaletest.reports..", "dev.scaletest.errors", "dev.scaletest.harness",
                        "dev.scaletest.metrics")))
                .check(REPORTS);
    }

    @Test
    void htmlOnTheModelAndTheModelOnTheThresholds() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("dev.scaletest.reports..")
                .layer("html").definedBy("dev.scaletest.reports.html")
                .layer("model").definedBy("dev.scaletest.reports")
                .layer("thresholds").definedBy("dev.scaletest.reports.thresholds")
                .whereLayer("html").mayNotBeAccessedByAnyLayer()
                .whereLayer("model").mayOnlyAccessLayers("thresholds")
                .whereLayer("thresholds").mayNotAccessAnyLayer()
                .check(REPORTS);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.scaletest.(**)").should().beFreeOfCycles().check(REPORTS);
    }
}
