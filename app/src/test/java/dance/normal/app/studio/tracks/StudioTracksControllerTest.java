package dance.normal.app.studio.tracks;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeStudioCatalogService;
import dance.normal.app.studio.tracks.StudioTracksModel.Row;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.studio.QualityWarning;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.TrackEdit;
import dance.normal.protocol.studio.TrackStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Studio's tracks against the catalog in memory; the test's thread stands in for the FX thread. */
class StudioTracksControllerTest {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private static final I18n RUSSIAN = new I18n(Locale.of("ru"));
    private final FakeStudioCatalogService studio = new FakeStudioCatalogService();
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private final List<String> reportsOpened = new ArrayList<>();
    private final List<String> offeringsOpened = new ArrayList<>();
    private StudioTracksController screen;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void setUp() {
        studio.tracks.addAll(List.of(FakeStudioCatalogService.draft("t1", "Harbour Lights", 185_000),
                FakeStudioCatalogService.draft("t2", "Low Tide", 201_000)));
        studio.reports.put("t1", FakeStudioCatalogService.report("t1", 185_000,
                new QualityWarning("true_peak", "Peaks above -1 dBTP will distort on some speakers."),
                new QualityWarning("silence_start", "Silence at the start.")));
        studio.reports.put("t2", FakeStudioCatalogService.report("t2", 201_000));
        studio.releases.add(new StudioRelease("r1", "Coastline", 2026, null, List.of(), 0));
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    private void show(I18n i18n) {
        screen = new StudioTracksController(studio, background, i18n, reportsOpened::add,
                offeringsOpened::add);
        screen.onActivate();
        fx.runNext(); // tracks and releases
        fx.runNext(); // a report
        fx.runNext(); // the other
    }

    private Row row(String id) {
        return screen.model().rows.stream().filter(r -> r.track().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void shownItListsTheTracksWithTheirStatusAndHowManyWarningsEachReportHas() {
        show(ENGLISH);

        assertThat(screen.model().rows).extracting(r -> r.track().title()).containsExactly("Harbour Lights",
                "Low Tide");
        assertThat(row("t1").warnings()).isEqualTo(2);
        assertThat(row("t2").warnings()).isZero();
        assertThat(row("t1").track().status()).isEqualTo(TrackStatus.DRAFT);
        assertThat(screen.model().status.get()).isEqualTo(ENGLISH.get("search.count", 2));
        assertThat(screen.model().releases).extracting(StudioTracksModel.ReleaseChoice::title)
                .containsExactly(ENGLISH.get("studio.tracks.noRelease"), "Coastline");

        screen.actions().onReport(row("t1"));
        assertThat(reportsOpened).containsExactly("t1");
        screen.actions().onOffering(row("t2"));
        assertThat(offeringsOpened).as("the offering form of the track asked for").containsExactly("t2");
    }

    @Test
    void publishingADraftPutsItInTheCatalogAndUnpublishingTakesItOut() {
        show(ENGLISH);

        screen.actions().onPublish(row("t2"));
        fx.runNext();
        assertThat(row("t2").track().status()).isEqualTo(TrackStatus.PUBLISHED);
        assertThat(studio.track("t2").status()).isEqualTo(TrackStatus.PUBLISHED);
        assertThat(row("t2").warnings()).as("the warning count stays").isZero();

        screen.actions().onPublish(row("t2"));
        fx.runNext();
        assertThat(studio.track("t2").status()).isEqualTo(TrackStatus.DRAFT);
    }

    @Test
    void anEditSendsOnlyWhatChangedAndTheRowShowsIt() {
        show(ENGLISH);

        screen.actions().onEdit(row("t1"));
        StudioTracksModel m = screen.model();
        assertThat(m.title.get()).isEqualTo("Harbour Lights");
        m.title.set("Harbour Lights (2026 master)");
        m.genre.set("Ambient");
        m.year.set("2026");
        m.trackNumber.set("1");
        m.release.set(m.releases.get(1));
        screen.actions().onSave();
        assertThat(m.saving.get()).isTrue();
        fx.runNext();

        assertThat(studio.edits).containsExactly(java.util.Map.entry("t1", new TrackEdit(
                "Harbour Lights (2026 master)", "r1", 1, "Ambient", 2026, null)));
        assertThat(m.editing.get()).as("the form closes").isNull();
        assertThat(row("t1").track().releaseTitle()).isEqualTo("Coastline");
        assertThat(row("t1").track().genre()).isEqualTo("Ambient");
    }

    @Test
    void aYearTheServerRefusesIsSaidInRussianAndTheFormKeepsWhatWasTyped() {
        show(RUSSIAN);
        screen.actions().onEdit(row("t1"));
        StudioTracksModel m = screen.model();
        m.year.set("2099");
        studio.editFailure = FakeStudioCatalogService.validation("The year must be from 1900 to the next year.");

        screen.actions().onSave();
        fx.runNext();

        assertThat(m.editError.get()).isEqualTo(RUSSIAN.get("studio.invalid.year"))
                .isEqualTo("Год — от 1900 до 2100, например 2026.");
        assertThat(m.editing.get()).as("the form stays open").isNotNull();
        assertThat(m.year.get()).isEqualTo("2099");
        assertThat(m.saving.get()).isFalse();

        m.title.set("Огни гавани");
        m.year.set("");
        m.trackNumber.set("7");
        studio.editFailure = FakeStudioCatalogService.validation("trackNumber must be from 1 to 999.");
        screen.actions().onSave();
        fx.runNext();
        assertThat(m.editError.get()).as("of the fields sent, the one the server named")
                .isEqualTo(RUSSIAN.get("studio.invalid.track_number"));
    }

    @Test
    void whatTheAppCanCheckItselfIsRefusedBeforeAnythingIsSent() {
        show(ENGLISH);
        screen.actions().onEdit(row("t1"));
        screen.model().title.set("  ");
        screen.actions().onSave();
        assertThat(screen.model().editError.get()).isEqualTo(ENGLISH.get("studio.invalid.title"));

        screen.model().title.set("Harbour");
        screen.model().trackNumber.set("two");
        screen.actions().onSave();
        assertThat(screen.model().editError.get()).isEqualTo(ENGLISH.get("studio.invalid.track_number"));
        assertThat(studio.edits).isEmpty();
    }

    @Test
    void aSaveAnsweredAfterTheFormWasCancelledIsDropped() {
        show(ENGLISH);
        screen.actions().onEdit(row("t1"));
        screen.model().title.set("Changed");
        studio.editing.close();
        screen.actions().onSave();
        screen.actions().onCancel();
        screen.actions().onEdit(row("t2"));
        studio.editing.open();

        await(() -> !studio.edits.isEmpty() && studio.track("t1").title().equals("Changed"));
        fx.runWaiting();
        assertThat(screen.model().editing.get().id()).as("the form of the track opened since").isEqualTo("t2");
        assertThat(row("t1").track().title()).as("the late answer is not shown").isEqualTo("Harbour Lights");
    }

    private static void await(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
