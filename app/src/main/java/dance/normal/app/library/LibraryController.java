package dance.normal.app.library;

import dance.normal.app.library.LibraryModel.Collection;
import dance.normal.app.library.LibraryModel.Kind;
import dance.normal.app.nav.Screen;
import dance.normal.app.session.CatalogService;
import dance.normal.app.session.LibraryService;
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
 * The listener's own music: liked tracks, what is downloaded (it plays offline) and playlists (from the local
 * store, so offline too; changes reach the server through the outbox). Pick a collection on the left; its tracks
 * play from the right; a new playlist is named in place. Read again each time the screen is shown.
 */
public final class LibraryController implements Screen {

    private final LibraryModel model = new LibraryModel();
    private final LibraryView view;
    private final LibraryView.Actions actions;
    private final LibraryService library;
    private final CatalogService catalog;
    private final Background background;
    private final I18n i18n;
    /** The collection being read: one chosen later wins over a slower one chosen before. */
    private final Latest reads;
    private boolean active;

    public LibraryController(LibraryService library, CatalogService catalog, Background background, I18n i18n,
                             BiConsumer<List<Track>, Integer> onPlay, Consumer<Track> onChoose) {
        this.library = library;
        this.catalog = catalog;
        this.background = background;
        this.i18n = i18n;
        this.reads = new Latest(background);
        this.actions = new LibraryView.Actions() {
            @Override
            public void onChoose(Collection collection) {
                open(collection);
            }

            @Override
            public void onCreate() {
                create();
            }

            @Override
            public void onPlay(List<Track> tracks, int index) {
                onPlay.accept(tracks, index);
            }

            @Override
            public void onChooseTrack(Track track) {
                onChoose.accept(track);
            }
        };
        this.view = new LibraryView(model, i18n, new Artwork(background, catalog::artwork), actions);
    }

    LibraryModel model() {
        return model;
    }

    LibraryView.Actions actions() {
        return actions;
    }

    @Override
    public Node view() {
        return view.root;
    }

    /** Reads the collections again and shows the chosen one (the liked tracks at first). */
    @Override
    public void onActivate() {
        active = true;
        Collection chosen = model.chosen.get();
        background.run(library::playlists, playlists -> {
            model.collections.setAll(new Collection(i18n.get("library.liked"), Kind.LIKED, null),
                    new Collection(i18n.get("library.downloaded"), Kind.DOWNLOADED, null));
            playlists.forEach(p -> model.collections.add(new Collection(p.name(), Kind.PLAYLIST, p)));
            open(model.collections.stream().filter(c -> c.same(chosen)).findFirst()
                    .orElse(model.collections.getFirst()));
        }, error -> model.count.set(i18n.sentence(error)));
    }

    @Override
    public void onDeactivate() {
        active = false;
    }

    /** A download finished: the Downloaded collection, when it is the one shown, reads again. */
    public void downloadsChanged() {
        Collection shown = model.chosen.get();
        if (active && shown != null && shown.kind() == Kind.DOWNLOADED) {
            open(shown);
        }
    }

    private void open(Collection c) {
        model.chosen.set(null); // read again, the same collection is chosen again on the left too
        model.chosen.set(c);
        model.title.set(c.name());
        model.empty.set(i18n.get(c.kind() == Kind.DOWNLOADED ? "downloads.none" : "library.emptyCollection"));
        reads.run(() -> TrackRow.of(catalog, switch (c.kind()) {
            case LIKED -> library.likedTracks();
            case DOWNLOADED -> library.downloadedTracks();
            case PLAYLIST -> library.tracksOf(c.playlist());
        }, i18n), rows -> {
            model.tracks.setAll(rows);
            model.count.set(i18n.get("search.count", rows.size()));
            model.shown.set(model.shown.get() + 1);
        }, error -> model.count.set(i18n.sentence(error)));
    }

    private void create() {
        String name = model.newName.get() == null ? "" : model.newName.get().strip();
        if (name.isEmpty()) {
            return;
        }
        model.newName.set("");
        background.run(() -> library.createPlaylist(name, List.of()), id -> onActivate(),
                error -> model.count.set(i18n.sentence(error)));
    }
}
