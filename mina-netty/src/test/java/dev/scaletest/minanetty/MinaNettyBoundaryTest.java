package dev.scaletest.minanetty;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The SSH client and the simulator both stand on this module, so it may know neither. */
class MinaNettyBoundaryTest {

    @Test
    void importsNothingElseOfTheProject() {
        noClasses().that().resideInAPackage("dev.scaletest.minanetty")
                .should().dependOnClassesThat(resideInAPackage("dev.scaletest..").and(not(resideInAPackage("dev.scaletest.minanetty"))))
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.scaletest.minanetty"));
    }
}
