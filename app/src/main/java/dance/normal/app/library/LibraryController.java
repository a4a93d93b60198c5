package dance.normal.app.library;

import atlantafx.base.theme.Styles;
import dance.normal.app.ScrollProbe;
import dance.normal.app.Timings;
import dance.normal.app.session.CatalogService;
import dance.normal.app.session.LibraryService;
import dance.normal.app.nav.Screen;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.TrackCell;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Track;
import dance.normal.sync.library.LocalPlaylist;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The listener's own music: liked tracks, what is downloaded (it plays offline) and playlists (from the local
 * store, so offline too; changes reach the server through the outbox). Pick a collection on the left; its tracks
 * play from the right; a new playlist is named in place.
 */
public final class LibraryController implements Screen {

    private enum Kind { LIKED, DOWNLOADED, PLAYLIST }

    /** A collection on the left: the liked tracks, the downloaded ones, or a playlist (then {@code playlist}). */
    private record Collection(String name, Kind kind, LocalPlaylist playlist) {

        boolean same(Collection other) {
            return kind == other.kind && (kind != Kind.PLAYLIST
                    || playlist.localId().equals(other.playlist().localId()));
        }
    }

    private final BorderPane root = new BorderPane();
    private final ObservableList<Collection> collections = FXCollections.observableArrayList();
    private final ListView<Collection> left = new ListView<>(collections);
    private final ListView<TrackRow> tracks;
    private final Label title = new Label();
    private final Label count = new Label();
    private final TextField newName = new TextField();
    private final Label empty = new Label();
    private final LibraryService library;
    private final CatalogService catalog;
    private final Background background;
    private final I18n i18n;
    private final BiConsumer<List<Track>, Integer> onPlay;
    private boolean active;

    public LibraryController(LibraryService library, CatalogService catalog, Background background, I18n i18n,
                             BiConsumer<List<Track>, Integer> onPlay, Consumer<Track> onChoose) {
        this.library = library;
        this.catalog = catalog;
        this.background = background;
        this.i18n = i18n;
        this.onPlay = onPlay;
        this.tracks = TrackCell.list(i18n, new Artwork(background, catalog::artwork), onPlay,
                onChoose);

        left.setId("collections");
        left.setAccessibleText(i18n.get("nav.library"));
        left.setPrefWidth(240);
        left.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Collection c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.name());
                setGraphic(empty || c == null ? null : new FontIcon(switch (c.kind()) {
                    case LIKED -> Material2AL.FAVORITE;
                    case DOWNLOADED -> Material2MZ.OFFLINE_PIN;
                    case PLAYLIST -> Material2MZ.QUEUE_MUSIC;
                }));
            }
        });
        left.getSelectionModel().selectedItemProperty().addListener((obs, old, c) -> {
            if (c != null) {
                open(c);
            }
        });
        newName.setPromptText(i18n.get("library.newPlaylist"));
        newName.setAccessibleText(i18n.get("library.newPlaylist"));
        newName.setId("new-playlist");
        newName.setOnAction(e -> create());
        Button create = new Button(null, new FontIcon(Material2AL.ADD));
        create.setAccessibleText(i18n.get("library.create"));
        create.setId("create-playlist");
        create.setOnAction(e -> create());
        HBox making = new HBox(6, newName, create);
        HBox.setHgrow(newName, Priority.ALWAYS);
        Label heading = new Label(i18n.get("nav.library"));
        heading.getStyleClass().add(Styles.TITLE_3);
        VBox side = new VBox(10, heading, left, making);
        VBox.setVgrow(left, Priority.ALWAYS);
        side.setPadding(new Insets(16, 8, 16, 16));

        title.getStyleClass().add(Styles.TITLE_2);
        title.setId("collection-title");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        Button play = new Button(i18n.get("release.play"), new FontIcon(Material2MZ.PLAY_ARROW));
        play.getStyleClass().add(Styles.ACCENT);
        play.setId("collection-play");
        play.setOnAction(e -> TrackRow.play(tracks.getItems(), 0, onPlay));
        play.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(tracks.getItems()));
        HBox top = new HBox(12, new VBox(2, title, count), play);
        top.setAlignment(Pos.CENTER_LEFT);
        tracks.setId("collection-tracks");
        tracks.accessibleTextProperty().bind(title.textProperty());
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        tracks.setPlaceholder(empty);
        VBox main = new VBox(12, top, tracks);
        VBox.setVgrow(tracks, Priority.ALWAYS);
        main.setPadding(new Insets(16, 16, 16, 8));
        root.setLeft(side);
        root.setCenter(main);
        root.setId("library");
    }

    @Override
    public Parent view() {
        return root;
    }

    /** Reads the collections again and shows the chosen one (the liked tracks at first). */
    @Override
    public void onActivate() {
        active = true;
        Collection chosen = left.getSelectionModel().getSelectedItem();
        background.run(library::playlists, playlists -> {
            collections.setAll(new Collection(i18n.get("library.liked"), Kind.LIKED, null),
                    new Collection(i18n.get("library.downloaded"), Kind.DOWNLOADED, null));
            playlists.forEach(p -> collections.add(new Collection(p.name(), Kind.PLAYLIST, p)));
            Collection again = chosen == null ? collections.getFirst() : collections.stream()
                    .filter(chosen::same).findFirst().orElse(collections.getFirst());
            left.getSelectionModel().clearSelection();
            left.getSelectionModel().select(again); // the selection listener opens it
        }, error -> count.setText(i18n.sentence(error)));
    }

    @Override
    public void onDeactivate() {
        active = false;
    }

    /** A download finished: the Downloaded collection, when it is the one shown, reads again. */
    public void downloadsChanged() {
        Collection shown = left.getSelectionModel().getSelectedItem();
        if (active && shown != null && shown.kind() == Kind.DOWNLOADED) {
            open(shown);
        }
    }

    private void open(Collection c) {
        title.setText(c.name());
        empty.setText(i18n.get(c.kind() == Kind.DOWNLOADED ? "downloads.none" : "library.emptyCollection"));
        background.run(() -> TrackRow.of(catalog, switch (c.kind()) {
            case LIKED -> library.likedTracks();
            case DOWNLOADED -> library.downloadedTracks();
            case PLAYLIST -> library.tracksOf(c.playlist());
        }, i18n), rows -> {
            tracks.getItems().setAll(rows);
            count.setText(i18n.get("search.count", rows.size()));
            Timings.report("library shown with " + rows.size() + " tracks after");
            ScrollProbe.libraryShown(tracks);
        }, error -> count.setText(i18n.sentence(error)));
    }

    private void create() {
        String name = newName.getText().strip();
        if (name.isEmpty()) {
            return;
        }
        newName.clear();
        background.run(() -> library.createPlaylist(name, List.of()), id -> onActivate(),
                error -> count.setText(i18n.sentence(error)));
    }
}
