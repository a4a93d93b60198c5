package dance.normal.app.studio.releases;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeStudioCatalogService;
import dance.normal.app.studio.releases.ReleasesModel.DraftChoice;
import dance.normal.app.studio.releases.ReleasesModel.TrackLine;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.studio.ReleaseRequest;
import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.TrackStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Studio's releases against the catalog in memory; the test's thread stands in for the FX thread. */
class ReleasesControllerTest {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private final FakeStudioCatalogService studio = new FakeStudioCatalogService();
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private ReleasesController screen;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void setUp() {
        studio.tracks.addAll(List.of(FakeStudioCatalogService.draft("t1", "Harbour Lights", 185_000),
                FakeStudioCatalogService.draft("t2", "Low Tide", 201_000),
                FakeStudioCatalogService.draft("t3", "Gulls", 150_000),
                FakeStudioCatalogService.draft("t4", "Fog Horn", 160_000),
                FakeStudioCatalogService.draft("t5", "Pier", 170_000)));
        studio.releases.add(new StudioRelease("r1", "Coastline", 2026, null, List.of("t1", "t2", "t3"), 0));
        screen = new ReleasesController(studio, background, ENGLISH, (url, size) -> Optional.empty());
        screen.onActivate();
        fx.runNext();
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    private List<String> order() {
        return screen.model().order.stream().map(TrackLine::id).toList();
    }

    @Test
    void shownItChoosesTheFirstReleaseWithItsTracksInOrderAndOffersTheDraftsOnNone() {
        ReleasesModel m = screen.model();
        assertThat(m.chosen.get().id()).isEqualTo("r1");
        assertThat(m.title.get()).isEqualTo("Coastline");
        assertThat(m.year.get()).isEqualTo("2026");
        assertThat(m.order).extracting(TrackLine::title).containsExactly("Harbour Lights", "Low Tide", "Gulls");
        assertThat(m.drafts).as("every draft: a new release takes them from theirs").extracting(DraftChoice::title)
                .containsExactly("Harbour Lights", "Low Tide", "Gulls", "Fog Horn", "Pier");
        assertThat(m.allPublished.get()).isFalse();
    }

    @Test
    void reorderingSavesTheNewOrder() {
        screen.actions().onMove(0, 2); // dragged the first below the last
        assertThat(order()).containsExactly("t2", "t3", "t1");
        fx.runNext();
        assertThat(studio.releaseEdits.getLast().getValue()).isEqualTo(new ReleaseRequest(null, null,
                List.of("t2", "t3", "t1")));

        screen.actions().onMove(2, 1); // up
        fx.runNext();
        assertThat(studio.release("r1").trackIds()).containsExactly("t2", "t1", "t3");
        assertThat(order()).containsExactly("t2", "t1", "t3");

        screen.actions().onMove(0, -1); // up from the top: nothing
        assertThat(studio.releaseEdits).hasSize(2);
    }

    @Test
    void aReleaseMadeOfTickedDraftsIsShownAndItsDraftsAreNoLongerOffered() {
        ReleasesModel m = screen.model();
        m.newTitle.set("Night Ferry");
        m.newYear.set("2025");
        m.drafts.stream().filter(d -> List.of("t4", "t5").contains(d.id())).forEach(d -> d.chosen().set(true));
        screen.actions().onCreate();
        fx.runNext(); // made
        fx.runNext(); // read again

        assertThat(m.chosen.get().title()).isEqualTo("Night Ferry");
        assertThat(order()).containsExactly("t4", "t5");
        assertThat(m.status.get()).isEqualTo(ENGLISH.get("studio.releases.made", "Night Ferry"));
    }

    @Test
    void publishingAReleasePublishesEveryTrackThenItCanBeUnpublished() {
        screen.actions().onPublish();
        fx.runNext();
        fx.runNext();
        assertThat(List.of("t1", "t2", "t3")).allSatisfy(id ->
                assertThat(studio.track(id).status()).isEqualTo(TrackStatus.PUBLISHED));
        assertThat(screen.model().allPublished.get()).isTrue();
        assertThat(screen.model().order).extracting(TrackLine::status).containsOnly(TrackStatus.PUBLISHED);

        screen.actions().onPublish();
        fx.runNext();
        fx.runNext();
        assertThat(studio.track("t1").status()).isEqualTo(TrackStatus.DRAFT);
        assertThat(screen.model().allPublished.get()).isFalse();
    }

    @Test
    void aChosenCoverIsSentAndTheReleaseShowsIt() {
        screen.actions().onCover(Path.of("cover.png"));
        fx.runNext();
        assertThat(studio.covers).containsExactly(Path.of("cover.png"));
        assertThat(screen.model().chosen.get().artworkUrl()).isEqualTo("/media/covers/r1");
        assertThat(screen.model().status.get()).isEqualTo(ENGLISH.get("studio.releases.coverSaved"));
    }

    @Test
    void titleAndYearAreSaved() {
        screen.model().title.set("Coastline (Deluxe)");
        screen.model().year.set("twenty");
        screen.actions().onSaveDetails();
        assertThat(screen.model().status.get()).isEqualTo(ENGLISH.get("studio.invalid.year"));

        screen.model().year.set("2027");
        screen.actions().onSaveDetails();
        fx.runNext();
        assertThat(studio.release("r1").title()).isEqualTo("Coastline (Deluxe)");
        assertThat(studio.release("r1").year()).isEqualTo(2027);
    }
}
