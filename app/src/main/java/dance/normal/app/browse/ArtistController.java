package dance.normal.app.browse;

import dance.normal.app.nav.Place;
import dance.normal.app.nav.Screen;
import dance.normal.app.session.CatalogService;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Track;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.Node;

/** An artist's page, read from the local mirror (so it works offline) each time it is shown. */
public final class ArtistController implements Screen.OfOne {

    private final ArtistModel model = new ArtistModel();
    private final ArtistView view;
    private final CatalogService catalog;
    private final I18n i18n;
    private final Latest reads;
    private String artistId;

    /**
     * @param onPlay   plays tracks from an index (the shell's player)
     * @param onChoose shows a chosen track's panel
     * @param go       goes to a place (a release's page)
     */
    public ArtistController(CatalogService catalog, Background background, I18n i18n,
                            BiConsumer<List<Track>, Integer> onPlay, Consumer<Track> onChoose, Consumer<Place> go) {
        this.catalog = catalog;
        this.i18n = i18n;
        this.reads = new Latest(background);
        this.view = new ArtistView(model, i18n, new Artwork(background, catalog::artwork),
                releaseId -> go.accept(Place.release(releaseId)), onPlay, onChoose);
    }

    ArtistModel model() {
        return model;
    }

    @Override
    public Node view() {
        return view.root;
    }

    @Override
    public void open(String id) {
        if (!id.equals(artistId)) {
            artistId = id;
            model.page.set(null);
        }
    }

    @Override
    public void onActivate() {
        String id = artistId;
        reads.run(() -> new ArtistModel.Page(catalog.artist(id).orElse(null), catalog.releasesOfArtist(id),
                TrackRow.of(catalog, catalog.tracksOfArtist(id), i18n), false), model.page::set,
                error -> model.page.set(new ArtistModel.Page(null, List.of(), List.of(), true)));
    }

    @Override
    public void onDeactivate() {
        reads.cancel();
    }
}
