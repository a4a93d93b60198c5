package dance.normal.app.home;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.app.nav.Place;
import dance.normal.app.session.FakeCatalogService;
import dance.normal.app.session.FakeLibraryService;
import dance.normal.app.session.Seen;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.FxQueue;
import dance.normal.app.ui.Fx;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Home against a catalog and library in memory; the test's thread stands in for the FX thread. */
class HomeControllerTest {

    private static final I18n ENGLISH = new I18n(Locale.ENGLISH);
    private final FakeCatalogService catalog = new FakeCatalogService();
    private final FakeLibraryService library = new FakeLibraryService(catalog);
    private final FxQueue fx = new FxQueue();
    private final Background background = new Background(fx);
    private final List<Place> went = new CopyOnWriteArrayList<>();
    private HomeController home;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @BeforeEach
    void setUp() {
        Track harbour = FakeCatalogService.track("t1", "Midnight Harbour", "Ada");
        catalog.tracks.add(harbour);
        catalog.releases.add(new Release("release-t1", "Lights Out", "artist-Ada", "Ada", 2026, null, List.of()));
        library.recent.add("t1");
        home = new HomeController(catalog, library, background, ENGLISH, (tracks, index) -> { }, track -> { },
                went::add);
    }

    @AfterEach
    void tearDown() {
        background.close();
    }

    @Test
    void shownItReadsNewReleasesPopularAndRecentlyPlayed() {
        Instant asOf = Instant.parse("2026-12-01T10:00:00Z");
        catalog.popular = new Seen<>(List.of(catalog.tracks.getFirst()), asOf, true);
        home.onActivate();
        fx.runNext();
        fx.runNext();
        assertThat(home.model().releases).extracting(Release::title).containsExactly("Lights Out");
        assertThat(home.model().recent).extracting(r -> r.track().title()).containsExactly("Midnight Harbour");
        assertThat(home.model().popular).hasSize(1);
        assertThat(home.model().popularNote.get()).isEqualTo(ENGLISH.get("home.popularAsOf", ENGLISH.when(asOf)));
    }

    @Test
    void popularOutOfReachSaysSo() {
        catalog.popular = null;
        home.onActivate();
        fx.runNext();
        fx.runNext();
        assertThat(home.model().popularNote.get()).isEqualTo(ENGLISH.get("home.popularOffline"));
        assertThat(home.model().releases).hasSize(1);
    }

    /** Put away before its answers came (a release opened meanwhile): nothing of them lands in Home. */
    @Test
    void answersArrivingAfterItWasPutAwayAreDropped() {
        home.onActivate();
        Runnable first = fx.next();
        Runnable second = fx.next();
        home.onDeactivate();
        first.run();
        second.run();
        assertThat(home.model().releases).isEmpty();
        assertThat(home.model().recent).isEmpty();
        assertThat(home.model().popularNote.get()).isEmpty();
    }
}
