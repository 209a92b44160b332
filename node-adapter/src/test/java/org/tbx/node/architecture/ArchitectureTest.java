package org.tbx.node.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The adapter's packages as ARCHITECTURE.md draws them: no circles, and the domain knows nothing of
 * REST.
 */
class ArchitectureTest {

  private static final JavaClasses ADAPTER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.tbx.node");

  @Test
  void packagesFormNoCircles() {
    slices().matching("org.tbx.node.(*)..").should().beFreeOfCycles().check(ADAPTER);
  }

  @Test
  void onlyTheRestLayerUsesTheRestLayer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.tbx.node.rest..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.tbx.node.rest..")
        .check(ADAPTER);
  }
}
