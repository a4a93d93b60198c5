package dance.normal.wallet.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wallet CLI's layering, checked on the compiled classes: a thin command line over wallet-core. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dance.normal.wallet.cli");
    }

    @Test
    void packagesHaveNoCycles() {
        // One package today: the rule holds at once and keeps holding as the CLI grows sub-packages.
        slices().matching("dance.normal.wallet.cli.(*)..").should().beFreeOfCycles().allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theCliUsesOnlyTheJdkTheWalletAndTheProtocol() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dance.normal.wallet..",
                "dance.normal.protocol..").check(classes);
    }

    @Test
    void theCliKnowsNoServerNoUiAndNoNetworkOfItsOwn() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.javalin..", "java.net.http..",
                "java.sql..", "dance.normal.app..", "dance.normal.server..", "dance.normal.sync..",
                "dance.normal.player..").check(classes);
    }
}
