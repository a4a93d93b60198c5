package dance.normal.app.browse;

import dance.normal.app.nav.Place;
import dance.normal.app.nav.Screen;
import dance.normal.app.session.CatalogService;
import dance.normal.app.session.DownloadService;
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

/**
 * A release's page, read from the local mirror (so it works offline) each time it is shown; Download keeps the
 * whole release on this device.
 */
public final class ReleaseController implements Screen.OfOne {

    private final ReleaseModel model = new ReleaseModel();
    private final ReleaseView view;
    private final ReleaseView.Actions actions;
    private final CatalogService catalog;
    private final DownloadService downloads;
    private final Background background;
    private final I18n i18n;
    private final Latest reads;
    private String releaseId;

    /**
     * @param onPlay   plays tracks from an index (the shell's player)
     * @param onChoose shows a chosen track's panel
     * @param go       goes to a place (the artist's page)
     */
    public ReleaseController(CatalogService catalog, DownloadService downloads, Background background, I18n i18n,
                             BiConsumer<List<Track>, Integer> onPlay, Consumer<Track> onChoose, Consumer<Place> go) {
        this.catalog = catalog;
        this.downloads = downloads;
        this.background = background;
        this.i18n = i18n;
        this.reads = new Latest(background);
        this.actions = new ReleaseView.Actions() {
            @Override
            public void onOpenArtist(String artistId) {
                go.accept(Place.artist(artistId));
            }

            @Override
            public void onDownload() {
                download();
            }

            @Override
            public void onPlay(List<Track> tracks, int index) {
                onPlay.accept(tracks, index);
            }

            @Override
            public void onChoose(Track track) {
                onChoose.accept(track);
            }
        };
        this.view = new ReleaseView(model, i18n, new Artwork(background, catalog::artwork), actions);
    }

    ReleaseModel model() {
        return model;
    }

    ReleaseView.Actions actions() {
        return actions;
    }

    @Override
    public Node view() {
        return view.root;
    }

    @Override
    public void open(String id) {
        if (!id.equals(releaseId)) {
            releaseId = id;
            model.page.set(null); // nothing of the last release shows while this one is read
        }
        model.download.set(i18n.get("release.download"));
    }

    @Override
    public void onActivate() {
        String id = releaseId;
        reads.run(() -> new ReleaseModel.Page(catalog.release(id).orElse(null),
                TrackRow.of(catalog, catalog.tracksOfRelease(id), i18n), false), model.page::set,
                error -> model.page.set(new ReleaseModel.Page(null, List.of(), true)));
    }

    @Override
    public void onDeactivate() {
        reads.cancel();
    }

    private void download() {
        String id = releaseId;
        background.run(() -> {
            downloads.downloadRelease(id, true);
            return null;
        }, ok -> model.download.set(i18n.get("download.queued")), error -> model.download.set(i18n.sentence(error)));
    }
}
