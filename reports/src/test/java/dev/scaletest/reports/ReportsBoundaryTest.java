package dev.scaletest.reports;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Reports read what a run recorded (results, metrics, error classes) and nothing of the Coder
 * client, the streams, the scenarios, the application or the simulator. Inside the module the
 * writer sits on the HTML page and the model, the HTML page on the model and the thresholds, and the
 * model on the thresholds.
 *
 * <p>The rules see compiled classes. {@code LiveThresholdSubject} in {@code reports.thresholds}
 * imports {@link MetricNames}, but only its constants, which the compiler copies into the reading
 * class; that one source import from the thresholds into the model is allowed and not seen here.
 */
class ReportsBoundaryTest {

    /** The module and harness-core, the only project module it builds on. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scaletest");

    @Test
    void eachPackageImportsOnlyWhatItsPackageInfoAllows() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("dev.scaletest..")
                .layer("output").definedBy("dev.scaletest.reports.output")
                .layer("html").definedBy("dev.scaletest.reports.html")
                .layer("model").definedBy("dev.scaletest.reports")
                .layer("thresholds").definedBy("dev.scaletest.reports.thresholds")
                .layer("errors").definedBy("dev.scaletest.errors")
                .layer("harness").definedBy("dev.scaletest.harness")
                .layer("metrics").definedBy("dev.scaletest.metrics")
                .whereLayer("output").mayNotBeAccessedByAnyLayer()
                .whereLayer("output").mayOnlyAccessLayers("html", "model")
                .whereLayer("html").mayOnlyBeAccessedByLayers("output")
                .whereLayer("html").mayOnlyAccessLayers("model", "thresholds", "errors", "harness")
                .whereLayer("model").mayOnlyAccessLayers("thresholds", "errors", "harness", "metrics")
                .whereLayer("thresholds").mayOnlyAccessLayers("harness", "metrics")
                .check(CLASSES);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.scaletest.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
