package dance.normal.app.search;

import dance.normal.app.session.CatalogService;
import dance.normal.app.nav.Screen;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Latest;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Track;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Parent;

/**
 * Search as you type, on the local mirror of the catalog (so it works offline). The mirror is brought up to date
 * when the screen opens; each keystroke runs a query in the background, and only the newest query's answer is shown.
 */
public final class SearchController implements Screen {

    private static final int LIMIT = 200;
    private final SearchModel model = new SearchModel();
    private final SearchView view;
    private final SearchView.Actions actions;
    private final CatalogService catalog;
    private final Background background;
    private final I18n i18n;
    private final PlayAction onPlay;
    /** Each keystroke's query: only the newest one's answer is shown. */
    private final Latest queries;
    private String shownId;
    private boolean active;

    /** Plays tracks from one of them: what happens when a result is chosen. */
    @FunctionalInterface
    public interface PlayAction {
        void play(List<Track> tracks, int index);
    }

    public SearchController(CatalogService catalog, Background background, I18n i18n, PlayAction onPlay,
                            Consumer<Track> onSelect) {
        this.catalog = catalog;
        this.background = background;
        this.i18n = i18n;
        this.onPlay = onPlay;
        this.queries = new Latest(background);
        this.actions = new SearchView.Actions() {
            @Override
            public void onSelected(TrackRow row) {
                if (!row.track().id().equals(shownId)) { // a refresh re-selects the same track
                    shownId = row.track().id();
                    onSelect.accept(row.track());
                }
            }

            @Override
            public void onClicked() {
                TrackRow row = model.selected.get();
                if (row != null) {
                    onSelect.accept(row.track()); // again, say after the panel was closed
                }
            }

            @Override
            public void onChoose(int index) {
                choose(index);
            }
        };
        this.view = new SearchView(model, i18n, new Artwork(background, catalog::artwork), actions);
        model.query.addListener((obs, old, text) -> onQuery(text));
    }

    SearchModel model() {
        return model;
    }

    SearchView.Actions actions() {
        return actions;
    }

    /** Plays the chosen result and the playable ones after it; a greyed one says why it cannot play. */
    private void choose(int index) {
        if (!TrackRow.play(model.results, index, onPlay::play)) {
            model.status.set(model.results.get(index).reason());
        }
    }

    /** What can play changed (online or offline, a download finished): the rows are checked again when shown. */
    public void refresh() {
        if (active) {
            onQuery(model.query.get());
        }
    }

    /** Puts the cursor in the search field, what it holds selected to be typed over. */
    public void focusField() {
        model.focusRequests.set(model.focusRequests.get() + 1);
    }

    @Override
    public Parent view() {
        return view.root;
    }

    /** Shown: the rows are checked again (a download may have finished, the server gone, while it was hidden). */
    @Override
    public void onActivate() {
        active = true;
        onQuery(model.query.get());
    }

    @Override
    public void onDeactivate() {
        active = false;
        queries.cancel();
    }

    /** Brings the mirror up to date (when the window opens), then searches again. */
    public void syncMirror() {
        model.syncing.set(true);
        model.status.set(i18n.get("search.syncing"));
        background.run(catalog::syncCatalog, changes -> {
            model.syncing.set(false);
            onQuery(model.query.get());
        }, error -> {
            model.syncing.set(false);
            onQuery(model.query.get());
        });
        focusField();
    }

    private void onQuery(String text) {
        String query = text == null ? "" : text.strip();
        if (query.isEmpty()) {
            queries.begin();
            model.results.clear();
            model.status.set("");
            return;
        }
        queries.run(() -> TrackRow.of(catalog, catalog.search(query, LIMIT), i18n), (List<TrackRow> tracks) -> {
            TrackRow selected = model.selected.get();
            model.results.setAll(tracks);
            if (selected != null) {
                tracks.stream().filter(r -> r.track().id().equals(selected.track().id())).findFirst()
                        .ifPresent(model.selected::set);
            }
            model.status.set(tracks.isEmpty() ? i18n.get("search.empty", query)
                    : i18n.get("search.count", tracks.size()));
        }, error -> model.status.set(i18n.get("onboarding.error.failed", error.getMessage())));
    }
}
