package dance.normal.app.library;

import atlantafx.base.theme.Styles;
import dance.normal.app.ScrollProbe;
import dance.normal.app.Timings;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.TrackCell;
import dance.normal.app.ui.TrackRow;
import dance.normal.protocol.catalog.Track;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
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

/** Collections on the left with a field to name a new playlist; the chosen one's tracks, and Play, on the right. */
final class LibraryView {

    /** What the view asks of its controller. */
    interface Actions {
        void onChoose(LibraryModel.Collection collection);

        void onCreate();

        void onPlay(List<Track> tracks, int index);

        void onChooseTrack(Track track);
    }

    final BorderPane root = new BorderPane();

    LibraryView(LibraryModel model, I18n i18n, Artwork artwork, Actions actions) {
        BiConsumer<List<Track>, Integer> play = actions::onPlay;
        Consumer<Track> chooseTrack = actions::onChooseTrack;
        ListView<TrackRow> tracks = TrackCell.list(i18n, artwork, play, chooseTrack);
        tracks.setItems(model.tracks);
        ListView<LibraryModel.Collection> left = new ListView<>(model.collections);
        left.setId("collections");
        left.setAccessibleText(i18n.get("nav.library"));
        left.setPrefWidth(240);
        left.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LibraryModel.Collection c, boolean empty) {
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
            if (c != null && c != model.chosen.get()) {
                actions.onChoose(c);
            }
        });
        model.chosen.addListener((obs, old, c) -> {
            if (c != null && left.getSelectionModel().getSelectedItem() != c) {
                left.getSelectionModel().select(c);
            }
        });
        TextField newName = new TextField();
        newName.textProperty().bindBidirectional(model.newName);
        newName.setPromptText(i18n.get("library.newPlaylist"));
        newName.setAccessibleText(i18n.get("library.newPlaylist"));
        newName.setId("new-playlist");
        newName.setOnAction(e -> actions.onCreate());
        Button create = new Button(null, new FontIcon(Material2AL.ADD));
        create.setAccessibleText(i18n.get("library.create"));
        create.setId("create-playlist");
        create.setOnAction(e -> actions.onCreate());
        HBox making = new HBox(6, newName, create);
        HBox.setHgrow(newName, Priority.ALWAYS);
        Label heading = new Label(i18n.get("nav.library"));
        heading.getStyleClass().add(Styles.TITLE_3);
        VBox side = new VBox(10, heading, left, making);
        VBox.setVgrow(left, Priority.ALWAYS);
        side.setPadding(new Insets(16, 8, 16, 16));

        Label title = new Label();
        title.textProperty().bind(model.title);
        title.getStyleClass().add(Styles.TITLE_2);
        title.setId("collection-title");
        Label count = new Label();
        count.textProperty().bind(model.count);
        count.getStyleClass().add(Styles.TEXT_MUTED);
        Button playAll = new Button(i18n.get("release.play"), new FontIcon(Material2MZ.PLAY_ARROW));
        playAll.getStyleClass().add(Styles.ACCENT);
        playAll.setId("collection-play");
        playAll.setOnAction(e -> TrackRow.play(model.tracks, 0, play));
        playAll.disableProperty().bind(Bindings.isEmpty(model.tracks));
        HBox top = new HBox(12, new VBox(2, title, count), playAll);
        top.setAlignment(Pos.CENTER_LEFT);
        tracks.setId("collection-tracks");
        tracks.accessibleTextProperty().bind(model.title);
        Label empty = new Label();
        empty.textProperty().bind(model.empty);
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        tracks.setPlaceholder(empty);
        model.shown.addListener((obs, old, n) -> {
            Timings.report("library shown with " + model.tracks.size() + " tracks after");
            ScrollProbe.libraryShown(tracks);
        });
        VBox main = new VBox(12, top, tracks);
        VBox.setVgrow(tracks, Priority.ALWAYS);
        main.setPadding(new Insets(16, 16, 16, 8));
        root.setLeft(side);
        root.setCenter(main);
        root.setId("library");
    }
}
