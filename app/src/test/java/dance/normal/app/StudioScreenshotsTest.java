package dance.normal.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dance.normal.app.session.FakeSession;
import dance.normal.app.session.FakeStudioCatalogService;
import dance.normal.app.studio.releases.ReleasesController;
import dance.normal.app.studio.report.ReportController;
import dance.normal.app.studio.tracks.StudioTracksController;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.studio.QualityWarning;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Studio's tracks, report and releases screens over fakes, saved in both themes and both languages under
 * target/screenshots (studio-tracks-en-light.png ...), to be looked at.
 */
class StudioScreenshotsTest {

    private final FakeSession session = new FakeSession();
    private final FakeStudioCatalogService studio = session.studioCatalog;
    private final Background background = new Background();

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void tearDown() {
        background.close();
        session.close();
        Fx.run(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    private void catalog() {
        StudioTrack published = FakeStudioCatalogService.draft("t3", "Gulls Over the Pier", 150_000);
        studio.tracks.addAll(List.of(FakeStudioCatalogService.draft("t1", "Harbour Lights", 185_000),
                FakeStudioCatalogService.draft("t2", "Low Tide", 201_000),
                new StudioTrack("t3", null, TrackStatus.PUBLISHED, published.title(), "r1", "Coastline", 1,
                        "Ambient", 2026, 150_000, "flac", null, 20_000, true, published.createdAt(),
                        published.createdAt())));
        studio.reports.put("t1", FakeStudioCatalogService.report("t1", 185_000,
                new QualityWarning("true_peak", "Peaks above -1 dBTP will distort on some speakers."),
                new QualityWarning("silence_start", "Silence at the start."),
                new QualityWarning("duplicate", "The same recording as Morning Tide.")));
        studio.reports.put("t2", FakeStudioCatalogService.report("t2", 201_000));
        studio.reports.put("t3", FakeStudioCatalogService.report("t3", 150_000,
                new QualityWarning("lossy_source", "Already compressed.")));
        studio.releases.add(new StudioRelease("r1", "Coastline", 2026, null, List.of("t3", "t1", "t2"), 1));
        studio.releases.add(new StudioRelease("r2", "Night Ferry", 2025, null, List.of(), 0));
    }

    @Test
    void theStudioScreensInBothThemesAndLanguages() throws Exception {
        catalog();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.of("ru"))) {
            I18n i18n = new I18n(locale);
            String lang = locale.getLanguage();

            StudioTracksController tracks = Fx.call(() -> new StudioTracksController(studio, background, i18n,
                    id -> { }, id -> { }));
            show(tracks.view(), tracks::onActivate);
            Fx.await("the warning counts", () -> tracks.view().lookupAll(".label").stream()
                    .anyMatch(n -> n instanceof javafx.scene.control.Label l && l.getText() != null
                            && l.getText().equals(i18n.get("studio.tracks.warnings", 3))));
            Fx.run(() -> Fx.<Button>find((Parent) tracks.view(), "edit-t1").fire());
            Fx.run(() -> Fx.<javafx.scene.control.TextField>find((Parent) tracks.view(), "edit-year")
                    .setText("20266"));
            Fx.run(() -> Fx.<Button>find((Parent) tracks.view(), "edit-save").fire());
            shoot("studio-tracks-" + lang);

            ReportController report = Fx.call(() -> new ReportController(studio, session.player(), new FxEvents(),
                    background, i18n));
            Fx.run(() -> report.open("t1"));
            show(report.view(), report::onActivate);
            Fx.await("the report", () -> report.view().lookup("#figure-loudness") != null);
            shoot("studio-report-" + lang);

            ReleasesController releases = Fx.call(() -> new ReleasesController(studio, background, i18n,
                    (url, size) -> Optional.empty()));
            show(releases.view(), releases::onActivate);
            Fx.await("the release", () -> ((javafx.scene.control.ListView<?>) releases.view()
                    .lookup("#release-order")).getItems().size() == 3);
            shoot("studio-releases-" + lang);
        }
    }

    private static void show(javafx.scene.Node view, Runnable activate) throws Exception {
        Fx.show((Parent) view);
        Fx.run(activate);
    }

    private static void shoot(String name) throws Exception {
        Scene scene = FxToolkit.registerPrimaryStage().getScene();
        for (boolean dark : new boolean[] {false, true}) {
            Fx.run(() -> {
                Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
                scene.getRoot().applyCss();
                scene.getRoot().layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
            Fx.run(() -> Screenshots.save(scene, name + (dark ? "-dark" : "-light")));
        }
    }
}
