package dance.normal.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering ARCHITECTURE.md draws, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dance.normal");
    }

    @Test
    void serverAndProtocolNeverTouchJavaFx() {
        noClasses().that().resideInAnyPackage("dance.normal.server..", "dance.normal.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void protocolIsPlainRecordsWithJacksonAnnotationsOnly() {
        classes().that().resideInAPackage("dance.normal.protocol..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dance.normal.protocol..", "java..", "com.fasterxml.jackson.annotation..")
                .check(classes);
    }

    @Test
    void storageCatalogAndMediaKnowNothingOfHttpFrameworks() {
        noClasses().that().resideInAnyPackage("dance.normal.server.db..", "dance.normal.server.catalog..",
                        "dance.normal.server.feed..", "dance.normal.server.storage..", "dance.normal.server.media..",
                        "dance.normal.server.plays..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..",
                        "org.eclipse.jetty..")
                .check(classes);
    }
}
