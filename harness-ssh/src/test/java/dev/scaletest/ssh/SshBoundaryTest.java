package dev.scaletest.ssh;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The SSH streams build on the error classes, the traffic engine's seam (its remote command and
 * tick bounds included), the Netty clients' socket layer ({@code net}) and MINA's sessions on Netty
 * ({@code minanetty}), and on nothing else of the project: no Coder client, no WebSocket code.
 */
class SshBoundaryTest {

    @Test
    void importsOnlyErrorsTrafficAndTheSocketLayer() {
        classes().that().resideInAPackage("dev.scaletest.ssh")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.scaletest..").or(resideInAnyPackage(
                        "dev.scaletest.ssh", "dev.scaletest.errors", "dev.scaletest.traffic", "dev.scaletest.net",
                        "dev.scaletest.minanetty")))
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.scaletest.ssh"));
    }
}
