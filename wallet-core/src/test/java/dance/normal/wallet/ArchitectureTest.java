package dance.normal.wallet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wallet library's layering, checked on the compiled classes: a pure module, secrets and keys at the bottom. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dance.normal.wallet");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dance.normal.wallet.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theWalletKnowsNoUiNoServerAndNoOtherModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.javalin..",
                "dance.normal.app..", "dance.normal.server..", "dance.normal.sync..", "dance.normal.player..")
                .check(classes);
    }

    @Test
    void secretsDependOnNothingElseInTheWallet() {
        noClasses().that().resideInAPackage("dance.normal.wallet.secrets..")
                .should().dependOnClassesThat().resideInAnyPackage("dance.normal.wallet",
                        "dance.normal.wallet.keys..", "dance.normal.wallet.mnemonic..",
                        "dance.normal.wallet.keystore..", "dance.normal.wallet.unlock..",
                        "dance.normal.wallet.solana..", "dance.normal.wallet.policy..")
                .check(classes);
    }

    @Test
    void keysAndPhrasesKnowNothingOfStorageUnlockingOrTheChain() {
        noClasses().that().resideInAnyPackage("dance.normal.wallet.keys..", "dance.normal.wallet.mnemonic..")
                .should().dependOnClassesThat().resideInAnyPackage("dance.normal.wallet.keystore..",
                        "dance.normal.wallet.unlock..", "dance.normal.wallet.solana..", "dance.normal.wallet.policy..")
                .check(classes);
    }
}
