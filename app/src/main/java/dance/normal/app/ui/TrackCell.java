package dance.normal.app.ui;

import atlantafx.base.theme.Styles;
import dance.normal.protocol.catalog.Track;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The release's artwork, title over "artist · release", the length on the right; a downloaded track carries a
 * check, and one that cannot play now is greyed with the reason under it (and read out by screen readers).
 */
public final class TrackCell extends ListCell<TrackRow> {

    /** Every row is this tall: a list of any length lays out only the rows in view, without measuring them. */
    public static final double HEIGHT = 52;

    private final Label title = new Label();
    private final Label detail = new Label();
    private final Label length = new Label();
    private final FontIcon kept = new FontIcon(Material2MZ.OFFLINE_PIN);
    private final ArtworkView cover = new ArtworkView(36);
    private final HBox box;
    private final I18n i18n;
    private final Artwork artwork;

    public TrackCell(I18n i18n, Artwork artwork) {
        this.i18n = i18n;
        this.artwork = artwork;
        title.getStyleClass().add(Styles.TEXT_BOLD);
        detail.getStyleClass().add(Styles.TEXT_MUTED);
        length.getStyleClass().add(Styles.TEXT_MUTED);
        kept.getStyleClass().add(Styles.SUCCESS);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        box = new HBox(10, cover, new VBox(2, title, detail), gap, kept, length);
        box.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(TrackRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        title.setText(row.track().title());
        artwork.into(cover, row.track().artworkUrl());
        String where = row.track().artistName() + " \u00b7 " + row.track().releaseTitle();
        detail.setText(row.playable() ? where : row.reason());
        length.setText(clock(row.track().durationMs()));
        kept.setVisible(row.downloaded());
        kept.setManaged(row.downloaded());
        box.setOpacity(row.playable() ? 1.0 : 0.5);
        String spoken = row.track().title() + ", " + row.track().artistName();
        if (row.downloaded()) {
            spoken += ", " + i18n.get("track.downloaded");
        }
        setAccessibleText(row.playable() ? spoken : spoken + ". " + row.reason());
        setGraphic(box);
    }

    /**
     * A virtualised list of tracks in these cells, where a double click or Enter plays the chosen row and the
     * playable ones around it, and choosing a row hands its track to {@code onChoose} (the track's panel).
     */
    public static ListView<TrackRow> list(I18n i18n, Artwork artwork, BiConsumer<List<Track>, Integer> onPlay,
                                          Consumer<Track> onChoose) {
        ListView<TrackRow> list = new ListView<>();
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                onChoose.accept(row.track());
            }
        });
        list.setCellFactory(v -> new TrackCell(i18n, artwork));
        list.setFixedCellSize(HEIGHT);
        list.setOnMouseClicked(e -> {
            TrackRow chosen = list.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 1 && chosen != null) {
                onChoose.accept(chosen.track()); // again, say after the panel was closed
            }
            if (e.getClickCount() == 2) {
                TrackRow.play(list.getItems(), list.getSelectionModel().getSelectedIndex(), onPlay);
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                TrackRow.play(list.getItems(), list.getSelectionModel().getSelectedIndex(), onPlay);
            }
        });
        return list;
    }

    /** Minutes and seconds, e.g. 3:07. */
    public static String clock(long ms) {
        Duration d = Duration.ofMillis(Math.max(0, ms));
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
