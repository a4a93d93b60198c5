package dance.normal.app.home;

import dance.normal.app.nav.Place;
import dance.normal.app.nav.Screen;
import dance.normal.app.session.CatalogService;
import dance.normal.app.session.LibraryService;
import dance.normal.app.session.Seen;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.Node;

/**
 * Home: new releases, what is popular and what was played lately, read each time it is shown. The catalog comes
 * from the local mirror (so it works offline); "popular" comes from the server, and offline it is what the server
 * said last time, with a note saying when.
 */
public final class HomeController implements Screen {

    private final HomeModel model = new HomeModel();
    private final HomeView view;
    private final CatalogService catalog;
    private final LibraryService library;
    private final I18n i18n;
    /** What Home is reading: put away, or shown again, the older answers are dropped. */
    private final Latest reads;

    /**
     * @param onPlay   plays tracks from an index (the shell's player)
     * @param onChoose shows a chosen track's panel
     * @param go       goes to a place (a release's page)
     */
    public HomeController(CatalogService catalog, LibraryService library, Background background, I18n i18n,
                          BiConsumer<List<Track>, Integer> onPlay, Consumer<Track> onChoose, Consumer<Place> go) {
        this.catalog = catalog;
        this.library = library;
        this.i18n = i18n;
        this.reads = new Latest(background);
        this.view = new HomeView(model, i18n, new Artwork(background, catalog::artwork),
                releaseId -> go.accept(Place.release(releaseId)), onPlay, onChoose);
    }

    HomeModel model() {
        return model;
    }

    @Override
    public Node view() {
        return view.root;
    }

    private record Read(List<Release> releases, List<TrackRow> recent) {
    }

    @Override
    public void onActivate() {
        model.popularNote.set("");
        reads.run(() -> new Read(catalog.newReleases(12), TrackRow.of(catalog, library.recentlyPlayed(), i18n)),
                read -> {
                    model.releases.setAll(read.releases());
                    model.recent.setAll(read.recent());
                }, error -> model.popularNote.set(i18n.sentence(error)));
        reads.alsoRun(() -> {
            Seen<List<Track>> seen = catalog.popular(10);
            return new Seen<>(TrackRow.of(catalog, seen.value(), i18n), seen.asOf(), seen.offline());
        }, seen -> {
            model.popular.setAll(seen.value());
            model.popularNote.set(seen.offline() ? i18n.get("home.popularAsOf", i18n.when(seen.asOf()))
                    : seen.value().isEmpty() ? i18n.get("home.popularEmpty") : "");
        }, error -> model.popularNote.set(i18n.get("home.popularOffline")));
    }

    @Override
    public void onDeactivate() {
        reads.cancel();
    }
}
