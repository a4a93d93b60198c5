package dance.normal.app.ui;

import atlantafx.base.theme.Styles;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The pieces of the catalog's pages (Home, a release, an artist): titles, sections, muted words, release tiles and
 * track lists as tall as their tracks.
 */
public final class Pages {

    private static final int TILE = 140;

    private Pages() {
    }

    /** A page's column, scrolling as a whole. */
    public static VBox page(String id) {
        VBox page = new VBox(12);
        page.setPadding(new Insets(16));
        page.setId(id);
        VBox.setVgrow(page, Priority.ALWAYS);
        return page;
    }

    /** {@code page} in a scroll pane that fits its width. */
    public static ScrollPane scrolling(VBox page) {
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        return scroll;
    }

    public static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_2);
        l.setWrapText(true);
        return l;
    }

    public static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        l.setPadding(new Insets(8, 0, 0, 0));
        return l;
    }

    /** Muted words; while empty they take no room. */
    public static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    /** A release as a square of artwork over its title and artist; pressing it opens the release. */
    public static Button tile(Release r, Artwork artwork, Consumer<String> onOpen) {
        ArtworkView art = new ArtworkView(TILE);
        artwork.into(art, r.artworkUrl());
        Label name = new Label(r.title());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.setMaxWidth(TILE);
        Label by = muted(r.artistName());
        by.setMaxWidth(TILE);
        Button tile = new Button(null, new VBox(6, art, name, by));
        tile.getStyleClass().add(Styles.FLAT);
        tile.setAccessibleText(r.title() + ", " + r.artistName());
        tile.setOnAction(e -> onOpen.accept(r.id()));
        tile.getProperties().put("release", r.id());
        return tile;
    }

    /** A list of {@code items} as tall as its tracks, up to {@code rows} (then it scrolls); hidden while empty. */
    public static ListView<TrackRow> trackList(String id, String name, int rows, ObservableList<TrackRow> items,
                                               I18n i18n, Artwork artwork, BiConsumer<List<Track>, Integer> onPlay,
                                               Consumer<Track> onChoose) {
        ListView<TrackRow> list = TrackCell.list(i18n, artwork, onPlay, onChoose);
        list.setItems(items);
        list.setId(id);
        list.setAccessibleText(name);
        list.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.clamp(list.getItems().size(), 1, rows) * TrackCell.HEIGHT + 4, list.getItems()));
        list.setMinHeight(Region.USE_PREF_SIZE);
        list.visibleProperty().bind(Bindings.isNotEmpty(list.getItems()));
        list.managedProperty().bind(list.visibleProperty());
        return list;
    }
}
