package dance.normal.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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

    /** A feature's routes speak HTTP for it; everything else in these packages knows nothing of HTTP frameworks. */
    @Test
    void storageCatalogAndMediaKnowNothingOfHttpFrameworks() {
        noClasses().that().resideInAnyPackage("dance.normal.server.db..", "dance.normal.server.catalog..",
                        "dance.normal.server.feed..", "dance.normal.server.storage..", "dance.normal.server.media..",
                        "dance.normal.server.plays..")
                .and().haveSimpleNameNotEndingWith("Routes")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..",
                        "org.eclipse.jetty..")
                .check(classes);
    }

    /** Only the routes of a feature and the HTTP plumbing speak HTTP: services take and return plain values. */
    @Test
    void serverServicesDoNotImportJavalin() {
        noClasses().that().resideInAPackage("dance.normal.server..")
                .and().resideOutsideOfPackage("dance.normal.server.http..")
                .and().haveSimpleNameNotEndingWith("Routes")
                .and().doNotHaveFullyQualifiedName("dance.normal.server.NormalDanceServer")
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .check(classes);
    }

    @Test
    void serverPackagesHaveNoCycles() {
        slices().matching("dance.normal.server.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Features meet through services, never through each other's routes. */
    @Test
    void routesOfOneFeatureDoNotUseAnotherFeaturesRoutes() {
        DescribedPredicate<JavaClass> routes = DescribedPredicate.describe("route classes",
                c -> c.getSimpleName().endsWith("Routes"));
        for (JavaClass route : classes.that(routes)) {
            if (!route.getPackageName().startsWith("dance.normal.server")) {
                continue;
            }
            noClasses().that().belongToAnyOf(route.reflect())
                    .should().dependOnClassesThat(routes.and(DescribedPredicate.describe(
                            "outside " + route.getPackageName(),
                            c -> !c.getPackageName().equals(route.getPackageName()))))
                    .check(classes);
        }
    }
}
