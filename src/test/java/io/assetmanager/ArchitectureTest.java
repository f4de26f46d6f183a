package io.assetmanager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the product code (test classes are not imported): no cycles between packages, the plain
 * domain classes (addresses, the sync engine's decisions) free of the container, and nothing in the product that needs the demo.
 */
class ArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.assetmanager");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.assetmanager.(**)").should().beFreeOfCycles().check(product);
    }

    @Test
    void addressAndSetRulesNeedNoContainer() {
        noClasses().that().resideInAnyPackage("io.assetmanager.net..", "io.assetmanager.sets..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.sql..", "java.sql..")
                .check(product);
    }

    @Test
    void theSyncEnginesDecisionsNeedNoContainer() {
        noClasses().that().haveNameMatching("io\\.assetmanager\\.qualys\\.sync\\.(Reconciliation|SyncEngine|SyncSchedule"
                        + "|SyncStore|QualysGateway|RunReport|DatabaseRetry)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.sql..", "java.sql..")
                .check(product);
    }

    @Test
    void nothingInTheProductNeedsTheDemo() {
        noClasses().that().resideOutsideOfPackage("io.assetmanager.demo..")
                .should().dependOnClassesThat().resideInAPackage("io.assetmanager.demo..")
                .check(product);
    }
}
