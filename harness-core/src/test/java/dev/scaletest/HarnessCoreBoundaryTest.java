package dev.scaletest;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What each harness-core package may import of the project, as its {@code package-info} says:
 * the error classes, the harness, the journal, the metrics and the API model sit under everything;
 * the wire rules under the endpoints; the traffic engine beside the Coder client, not on it.
 */
class HarnessCoreBoundaryTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scaletest");

    @Test
    void eachPackageImportsOnlyWhatItsPackageInfoAllows() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("dev.scaletest..")
                .layer("errors").definedBy("dev.scaletest.errors")
                .layer("harness").definedBy("dev.scaletest.harness")
                .layer("journal").definedBy("dev.scaletest.journal")
                .layer("metrics").definedBy("dev.scaletest.metrics")
                .layer("coder.model").definedBy("dev.scaletest.coder.model")
                .layer("coder.wire").definedBy("dev.scaletest.coder.wire")
                .layer("coder").definedBy("dev.scaletest.coder")
                .layer("traffic").definedBy("dev.scaletest.traffic")
                .layer("net").definedBy("dev.scaletest.net")
                .whereLayer("errors").mayNotAccessAnyLayer()
                .whereLayer("net").mayNotAccessAnyLayer()
                .whereLayer("harness").mayNotAccessAnyLayer()
                .whereLayer("journal").mayNotAccessAnyLayer()
                .whereLayer("metrics").mayNotAccessAnyLayer()
                .whereLayer("coder.model").mayNotAccessAnyLayer()
                .whereLayer("coder.wire").mayOnlyAccessLayers("coder.model", "errors", "harness")
                .whereLayer("coder").mayOnlyAccessLayers("coder.wire", "coder.model", "errors")
                .whereLayer("traffic").mayOnlyAccessLayers("errors", "harness")
                .check(CORE);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.scaletest.(**)").should().beFreeOfCycles().check(CORE);
    }
}
