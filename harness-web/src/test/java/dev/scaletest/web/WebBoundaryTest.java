package dev.scaletest.web;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket streams build on the Coder client's wire rules and TLS trust, the error classes,
 * the traffic engine's seam and the Netty clients' socket layer ({@code net}), and on nothing else
 * of the project (its {@code package-info} says so).
 */
class WebBoundaryTest {

    @Test
    void importsOnlyCoderWireErrorsAndTraffic() {
        classes().that().resideInAPackage("dev.scaletest.web")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.scaletest..").or(resideInAnyPackage(
                        "dev.scaletest.web", "dev.scaletest.coder", "dev.scaletest.coder.wire",
                        "dev.scaletest.errors", "dev.scaletest.traffic", "dev.scaletest.net")))
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.scaletest.web"));
    }
}
