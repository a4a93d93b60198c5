package dance.normal.app.studio.report;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeSession;
import dance.normal.app.session.FakeStudioCatalogService;
import dance.normal.app.studio.report.ReportModel.Figure;
import dance.normal.app.studio.report.ReportModel.Warning;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.I18n;
import dance.normal.player.PlaybackState;
import dance.normal.protocol.Problem;
import dance.normal.protocol.ProblemType;
import dance.normal.protocol.studio.QualityWarning;
import dance.normal.protocol.studio.TrackEdit;
import dance.normal.sync.api.ProblemException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quality report against the catalog in memory and a real player whose engine plays nothing; the test's thread
 * stands in for the FX thread.
 */
class ReportControllerTest {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private static final I18n RUSSIAN = new I18n(Locale.of("ru"));
    private final FakeSession session = new FakeSession();
    private final FakeStudioCatalogService studio = session.studioCatalog;
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private ReportController screen;

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
                new QualityWarning("duplicate", "This is the same recording as Morning Tide by Ada."),
                new QualityWarning("phase_issue", "The left and right channels cancel out in mono.")));
        studio.reports.put("t2", FakeStudioCatalogService.report("t2", 201_000));
    }

    @AfterEach
    void tearDown() {
        background.close();
        session.close();
    }

    private void show(I18n i18n, String trackId) {
        screen = new ReportController(studio, session.player(), new FxEvents(fx), background, i18n);
        screen.open(trackId);
        screen.onActivate();
        fx.runNext();
    }

    private String figure(String id) {
        return screen.model().figures.stream().filter(f -> f.id().equals(id)).map(Figure::value).findFirst()
                .orElseThrow();
    }

    @Test
    void theFiguresAndEachWarningAreInTheArtistsLanguageAndTheDuplicateNamesItsTrack() {
        show(RUSSIAN, "t1");

        ReportModel m = screen.model();
        assertThat(m.title.get()).isEqualTo("Harbour Lights");
        assertThat(figure("loudness")).isEqualTo("-9,1 LUFS");
        assertThat(figure("true-peak")).isEqualTo("0,4 dBTP");
        assertThat(figure("clipped")).isEqualTo("12");
        assertThat(figure("silence-start")).isEqualTo("1,8 с");
        assertThat(figure("sample-rate")).isEqualTo("44,1 kHz");
        assertThat(figure("bit-depth")).isEqualTo("16 бит");
        assertThat(figure("codec")).isEqualTo("flac · стерео");
        assertThat(m.warnings).extracting(Warning::sentence).containsExactly(
                "Пики доходят до 0,4 dBTP: выше −1 dBTP на некоторых колонках будут искажения. Немного убавьте "
                        + "мастер.",
                "Это та же запись, что и «Morning Tide — Ada», уже есть в каталоге.",
                "The left and right channels cancel out in mono.");
        assertThat(m.waveform).hasSize(200);
        assertThat(m.suggestedStartMs.get()).isEqualTo(42_000);
        assertThat(m.previewStartMs.get()).isEqualTo(42_000);
        assertThat(m.loaded.get()).isTrue();
    }

    @Test
    void aReportStillBeingMeasuredSaysSoInTheArtistsLanguage() {
        studio.reportFailure = new ProblemException(new Problem(ProblemType.BEING_CHECKED.uri(),
                ProblemType.BEING_CHECKED.title(), 409, "The track is still being checked.", null, null));
        show(RUSSIAN, "t1");

        assertThat(screen.model().status.get()).isEqualTo("Трек ещё проверяется. Попробуйте через минуту.");
    }

    @Test
    void movingThePreviewStartShowsItAndLettingGoSavesIt() {
        show(ENGLISH, "t1");

        screen.actions().onPreviewMoved(60_000);
        assertThat(screen.model().previewStart.get()).isEqualTo(ENGLISH.get("studio.report.previewAt", "1:00",
                "1:30"));
        assertThat(studio.edits).as("nothing saved while dragging").isEmpty();

        screen.actions().onPreviewChosen(65_500);
        fx.runNext();
        assertThat(studio.edits).containsExactly(Map.entry("t1", new TrackEdit(null, null, null, null, null,
                65_500L)));
        assertThat(studio.track("t1").previewStartMs()).isEqualTo(65_500);
        assertThat(screen.model().status.get()).isEqualTo(ENGLISH.get("studio.report.previewSaved", "1:05"));

        screen.actions().onPreviewChosen(184_000);
        fx.runNext();
        assertThat(studio.edits.getLast().getValue().previewStartMs()).as("30 s before the end at the latest")
                .isEqualTo(155_000L);
    }

    @Test
    void onlyTheNewestReportOpenedIsShown() {
        screen = new ReportController(studio, session.player(), new FxEvents(fx), background, ENGLISH);
        studio.reporting.close();
        screen.open("t1");
        screen.onActivate();
        screen.open("t2");
        screen.onActivate();
        studio.reporting.open();

        fx.runNext();
        assertThat(screen.model().title.get()).isEqualTo("Low Tide");
        assertThat(screen.model().warnings).isEmpty();
        assertThat(screen.model().durationMs.get()).isEqualTo(201_000);
    }

    @Test
    void playPreviewPlaysThirtySecondsFromItsStartThroughThePlayerThenStops() {
        show(ENGLISH, "t1");

        screen.actions().onPlayPreview();
        assertThat(screen.model().previewPlaying.get()).isTrue();
        await(() -> session.engine.played.contains(URI.create("fake:t1")));
        await(() -> session.player().positionMs() == 42_000);
        assertThat(session.player().state()).isInstanceOf(PlaybackState.Playing.class);

        session.engine.position(60_000, 185_000);
        fx.runWaiting();
        assertThat(screen.model().previewPlaying.get()).as("still within the 30 s").isTrue();

        session.engine.position(72_000, 185_000); // libVLC's thread
        await(() -> !screen.model().previewPlaying.get());
        await(() -> session.player().state() instanceof PlaybackState.Idle);
    }

    @Test
    void puttingTheReportAwayStopsThePreview() {
        show(ENGLISH, "t1");
        screen.actions().onPlayPreview();
        await(() -> session.player().state() instanceof PlaybackState.Playing);

        screen.onDeactivate();

        assertThat(screen.model().previewPlaying.get()).isFalse();
        await(() -> session.player().state() instanceof PlaybackState.Idle);
    }

    /** Runs the FX deliveries until {@code done} holds, failing at a deadline. */
    private void await(BooleanSupplier done) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            fx.runWaiting();
            if (done.getAsBoolean()) {
                return;
            }
            assertThat(System.nanoTime()).as("waiting").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
