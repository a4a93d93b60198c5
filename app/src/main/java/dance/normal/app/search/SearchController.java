package dance.normal.app.search;

import dance.normal.app.Session;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.protocol.catalog.Track;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Parent;

/**
 * Search as you type, on the local mirror of the catalog (so it works offline). The mirror is brought up to date
 * when the screen opens; each keystroke runs a query in the background, and only the newest query's answer is shown.
 */
public final class SearchController {

    private static final int LIMIT = 200;
    private final SearchModel model = new SearchModel();
    private final SearchView view;
    private final Session session;
    private final Background background;
    private final I18n i18n;
    private long generation;

    /** Plays tracks from one of them: what happens when a result is chosen. */
    @FunctionalInterface
    public interface PlayAction {
        void play(List<Track> tracks, int index);
    }

    public SearchController(Session session, Background background, I18n i18n, PlayAction onPlay,
                            Consumer<Track> onSelect) {
        this.session = session;
        this.background = background;
        this.i18n = i18n;
        this.view = new SearchView(model, i18n, index -> onPlay.play(List.copyOf(model.results), index));
        view.list.getSelectionModel().selectedItemProperty().addListener((obs, old, track) -> {
            if (track != null) {
                onSelect.accept(track);
            }
        });
        model.query.addListener((obs, old, text) -> onQuery(text));
    }

    public void focusField() {
        view.field.requestFocus();
        view.field.selectAll();
    }

    public Parent view() {
        return view.root;
    }

    /** Brings the mirror up to date, then searches again. */
    public void onActivate() {
        model.syncing.set(true);
        model.status.set(i18n.get("search.syncing"));
        background.run(session::syncCatalog, changes -> {
            model.syncing.set(false);
            onQuery(model.query.get());
        }, error -> {
            model.syncing.set(false);
            onQuery(model.query.get());
        });
        view.field.requestFocus();
    }

    private void onQuery(String text) {
        long mine = ++generation;
        String query = text == null ? "" : text.strip();
        if (query.isEmpty()) {
            model.results.clear();
            model.status.set("");
            return;
        }
        background.run(() -> session.search(query, LIMIT), (List<Track> tracks) -> {
            if (mine != generation) {
                return;
            }
            model.results.setAll(tracks);
            model.status.set(tracks.isEmpty() ? i18n.get("search.empty", query)
                    : i18n.get("search.count", tracks.size()));
        }, error -> model.status.set(i18n.get("onboarding.error.failed", error.getMessage())));
    }
}
