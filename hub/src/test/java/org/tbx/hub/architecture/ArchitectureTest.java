package org.tbx.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The hub's packages as ARCHITECTURE.md draws them: no circles, REST on top, ingest below the
 * domains.
 */
class ArchitectureTest {

  private static final JavaClasses HUB =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.tbx.hub");

  @Test
  void packagesFormNoCircles() {
    slices().matching("org.tbx.hub.(*)..").should().beFreeOfCycles().check(HUB);
  }

  @Test
  void onlyTheRestLayerUsesTheRestLayer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.tbx.hub.rest..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.tbx.hub.rest..")
        .check(HUB);
  }

  @Test
  void onlyThePagesUseThePages() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.tbx.hub.web..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.tbx.hub.web..")
        .check(HUB);
  }

  @Test
  void theIngestKnowsNoDomainButTheLedgerAndTheLog() {
    noClasses()
        .that()
        .resideInAPackage("org.tbx.hub.ingest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.tbx.hub.deposit..",
            "org.tbx.hub.giving..",
            "org.tbx.hub.redemption..",
            "org.tbx.hub.volunteer..",
            "org.tbx.hub.correction..",
            "org.tbx.hub.rating..",
            "org.tbx.hub.reconciliation..",
            "org.tbx.hub.settlement..")
        .check(HUB);
  }

  @Test
  void theLedgerDependsOnNoOtherPartOfTheHub() {
    classes()
        .that()
        .resideInAPackage("org.tbx.hub.ledger..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "org.tbx.hub.ledger..", "java..", "jakarta..", "javax..", "org.tbx.kit..")
        .check(HUB);
  }
}
