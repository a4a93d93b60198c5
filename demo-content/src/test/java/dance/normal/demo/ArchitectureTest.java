package dance.normal.demo;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dance.normal.server.upload.DemoContent;
import dance.normal.server.upload.DemoTrack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo catalog's layering, checked on the compiled classes: it makes sound and pictures, and meets the server
 * only at its demo seam ({@link DemoContent}, {@link DemoTrack}) and its media tools (ffmpeg's runner, audio formats).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dance.normal.demo");
    }

    @Test
    void packagesHaveNoCycles() {
        // One package today: the rule holds at once and keeps holding as the catalog grows sub-packages.
        slices().matching("dance.normal.demo.(*)..").should().beFreeOfCycles().allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theDemoMeetsTheServerOnlyAtItsDemoSeamAndMediaTools() {
        classes().should().onlyDependOnClassesThat(resideInAnyPackage("java..", "javax.imageio..", "org.slf4j..",
                "dance.normal.demo..", "dance.normal.protocol..", "dance.normal.server.media..")
                .or(belongToAnyOf(DemoContent.class, DemoTrack.class))).check(classes);
    }

    @Test
    void theDemoKnowsNoHttpNoDatabaseAndNoUi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..",
                "org.eclipse.jetty..", "java.net.http..", "com.sun.net.httpserver..", "java.sql..", "javafx..",
                "dance.normal.server.http..", "dance.normal.app..", "dance.normal.sync..", "dance.normal.player..",
                "dance.normal.wallet..").check(classes);
    }
}
