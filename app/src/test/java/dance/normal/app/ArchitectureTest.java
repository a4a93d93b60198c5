package dance.normal.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's shape (decision 0035), checked on the compiled classes: packages without cycles; a feature never
 * reaches into another (what two share lives in {@code ui}, navigation in {@code nav} and the {@code shell}, which
 * puts the features together); views and models know nothing of the session, only controllers call its services.
 */
class ArchitectureTest {

    private static final String APP = "dance.normal.app";
    private static final List<String> FEATURES = List.of("browse", "home", "library", "queue", "search", "settings",
            "wallet", "downloads", "nowplaying", "onboarding", "track", "studio.earnings", "studio.offering",
            "studio.tracks", "studio.report", "studio.releases", "studio.uploads");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(APP);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(APP + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void featuresDoNotImportEachOther() {
        CompositeArchRule rule = null;
        for (String feature : FEATURES) {
            String[] others = FEATURES.stream().filter(f -> !f.equals(feature)).map(f -> APP + "." + f + "..")
                    .toArray(String[]::new);
            ArchRule one = noClasses().that().resideInAPackage(APP + "." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true);
            rule = rule == null ? CompositeArchRule.of(one) : rule.and(one);
        }
        rule.check(classes);
    }

    @Test
    void viewsAndModelsDoNotImportTheSession() {
        noClasses().that().haveSimpleNameEndingWith("View").or().haveSimpleNameEndingWith("Model")
                .should().dependOnClassesThat().resideInAPackage(APP + ".session..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(APP + ".Session")
                .check(classes);
    }

    @Test
    void theUiToolkitAndNavigationKnowNoFeature() {
        String[] features = FEATURES.stream().map(f -> APP + "." + f + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(APP + ".ui..", APP + ".nav..")
                .should().dependOnClassesThat().resideInAnyPackage(features)
                .check(classes);
    }
}
