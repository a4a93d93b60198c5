package dance.normal.app.library;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.session.FakeCatalogService;
import dance.normal.app.session.FakeLibraryService;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.I18n;
import dance.normal.sync.library.LocalPlaylist;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Library against a library in memory; the test's thread stands in for the FX thread. */
class LibraryControllerTest {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private final FakeCatalogService catalog = new FakeCatalogService();
    private final FakeLibraryService library = new FakeLibraryService(catalog);
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private LibraryController screen;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void setUp() {
        catalog.tracks.addAll(List.of(FakeCatalogService.track("t1", "Midnight Harbour", "Ada"),
                FakeCatalogService.track("t2", "Morning Tide", "Ada")));
        library.liked.add("t1");
        library.playlists.add(new LocalPlaylist("p1", null, "Road trip", List.of("t2"), 1));
        screen = new LibraryController(library, catalog, background, ENGLISH, (tracks, index) -> { }, track -> { });
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    private LibraryModel model() {
        return screen.model();
    }

    @Test
    void shownItListsTheCollectionsAndOpensTheLikedTracks() {
        screen.onActivate();
        fx.runNext(); // the playlists
        fx.runNext(); // the liked tracks
        assertThat(model().collections).extracting(LibraryModel.Collection::name)
                .containsExactly(ENGLISH.get("library.liked"), ENGLISH.get("library.downloaded"), "Road trip");
        assertThat(model().title.get()).isEqualTo(ENGLISH.get("library.liked"));
        assertThat(model().tracks).extracting(r -> r.track().title()).containsExactly("Midnight Harbour");
        assertThat(model().count.get()).isEqualTo(ENGLISH.get("search.count", 1));
    }

    @Test
    void choosingAPlaylistShowsItsTracksAndShownAgainItStaysChosen() {
        screen.onActivate();
        fx.runNext();
        fx.runNext();
        screen.actions().onChoose(model().collections.get(2));
        fx.runNext();
        assertThat(model().tracks).extracting(r -> r.track().title()).containsExactly("Morning Tide");

        screen.onDeactivate();
        screen.onActivate();
        fx.runNext();
        fx.runNext();
        assertThat(model().chosen.get().name()).isEqualTo("Road trip");
        assertThat(model().tracks).extracting(r -> r.track().title()).containsExactly("Morning Tide");
    }

    @Test
    void aNewPlaylistIsMadeFromTheNameTyped() {
        screen.onActivate();
        fx.runNext();
        fx.runNext();
        model().newName.set("  Evening  ");
        screen.actions().onCreate();
        assertThat(model().newName.get()).isEmpty();
        fx.runNext(); // made; the collections are read again
        fx.runNext();
        fx.runNext();
        assertThat(model().collections).extracting(LibraryModel.Collection::name).contains("Evening");
        assertThat(library.playlists).extracting(LocalPlaylist::name).containsExactly("Road trip", "Evening");
    }

    /** A collection chosen while an earlier one is still being read wins. */
    @Test
    void theCollectionChosenLastWins() {
        screen.onActivate();
        fx.runNext();
        Runnable liked = fx.next();
        screen.actions().onChoose(model().collections.get(2));
        fx.runNext();
        liked.run();
        assertThat(model().tracks).extracting(r -> r.track().title()).containsExactly("Morning Tide");
    }
}
