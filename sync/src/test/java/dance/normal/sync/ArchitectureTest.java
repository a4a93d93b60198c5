package dance.normal.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sync's layering, checked on the compiled classes: the API client and the local store are the bottom layer. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dance.normal.sync");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dance.normal.sync.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void syncKnowsNoUiAndOnlyTheProtocol() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "dance.normal.app..",
                "dance.normal.player..", "dance.normal.server..", "dance.normal.wallet..").check(classes);
    }

    @Test
    void theApiClientAndTheStoreDependOnNothingElseInSync() {
        noClasses().that().resideInAnyPackage("dance.normal.sync.api..", "dance.normal.sync.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dance.normal.sync",
                        "dance.normal.sync.catalog..", "dance.normal.sync.download..", "dance.normal.sync.library..",
                        "dance.normal.sync.outbox..", "dance.normal.sync.tokens..")
                .check(classes);
    }

    @Test
    void theApiClientAndTheStoreKnowNothingOfEachOther() {
        noClasses().that().resideInAPackage("dance.normal.sync.api..")
                .should().dependOnClassesThat().resideInAPackage("dance.normal.sync.store..").check(classes);
        noClasses().that().resideInAPackage("dance.normal.sync.store..")
                .should().dependOnClassesThat().resideInAPackage("dance.normal.sync.api..").check(classes);
    }
}
