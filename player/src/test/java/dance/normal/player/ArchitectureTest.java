package dance.normal.player;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The player's layering, checked on the compiled classes: libVLC and D-Bus stay behind their own packages. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dance.normal.player");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dance.normal.player.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void playerKnowsNoUiAndNoOtherModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "dance.normal.app..",
                "dance.normal.sync..", "dance.normal.server..", "dance.normal.wallet..").check(classes);
    }

    @Test
    void onlyTheVlcPackageKnowsLibVlc() {
        noClasses().that().resideOutsideOfPackage("dance.normal.player.vlc..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.co.caprica..", "com.sun.jna..")
                .check(classes);
    }

    @Test
    void onlyTheMprisPackageKnowsDBus() {
        noClasses().that().resideOutsideOfPackage("dance.normal.player.mpris..")
                .should().dependOnClassesThat().resideInAnyPackage("org.freedesktop..").check(classes);
    }

    @Test
    void theEngineApiQueueAndPlaysKnowNoEngineAndNoDesktopBridge() {
        noClasses().that().resideInAnyPackage("dance.normal.player", "dance.normal.player.queue..",
                        "dance.normal.player.plays..", "dance.normal.player.audio..")
                .should().dependOnClassesThat().resideInAnyPackage("dance.normal.player.vlc..",
                        "dance.normal.player.mpris..")
                .check(classes);
    }
}
