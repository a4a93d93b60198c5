package dance.normal.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire contract's shape, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dance.normal.protocol");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dance.normal.protocol.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void protocolIsPlainJavaWithJacksonAnnotationsOnly() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dance.normal.protocol..", "java..", "com.fasterxml.jackson.annotation..")
                .check(classes);
    }
}
