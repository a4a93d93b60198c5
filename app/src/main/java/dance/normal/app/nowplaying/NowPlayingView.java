package dance.normal.app.nowplaying;

import atlantafx.base.theme.Styles;
import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.ArtworkView;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.TrackCell;
import dance.normal.player.queue.RepeatMode;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** The bar always in view: what plays, shuffle, previous, play/pause, next, repeat, a seek slider and the volume. */
final class NowPlayingView {

    /** What the view asks of its controller. */
    interface Actions {
        void onPlayPause();

        void onPrevious();

        void onNext();

        /** The shuffle button was pressed: it is now {@code on}. */
        void onShuffle(boolean on);

        void onRepeat();

        /** The listener took hold of the seek slider. */
        void onSeeking();

        /** The listener let the seek slider go at {@code positionMs}. */
        void onSeek(long positionMs);
    }

    final HBox root = new HBox(14);

    NowPlayingView(NowPlayingModel model, I18n i18n, Artwork artworks, Actions actions) {
        Button playPause = new Button();
        Slider seek = new Slider(0, 1, 0);
        Slider volume = new Slider(0, 100, 100);
        ToggleButton shuffle = new ToggleButton(null, new FontIcon(Material2MZ.SHUFFLE));
        Button repeat = new Button();
        ArtworkView artwork = new ArtworkView(44);
        model.trackId.addListener((obs, old, id) -> artworks.into(artwork, id));
        Label title = new Label();
        title.textProperty().bind(model.title);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setId("now-title");
        Label artist = new Label();
        artist.textProperty().bind(Bindings.when(model.error.isEmpty()).then(model.artist).otherwise(model.error));
        artist.getStyleClass().add(Styles.TEXT_MUTED);
        VBox what = new VBox(2, title, artist);
        what.setPrefWidth(260);
        what.setMinWidth(160);


        Button previous = icon(new FontIcon(Material2MZ.SKIP_PREVIOUS), i18n.get("player.previous"),
                actions::onPrevious);
        Button next = icon(new FontIcon(Material2MZ.SKIP_NEXT), i18n.get("player.next"), actions::onNext);
        previous.setId("previous");
        next.setId("next");
        shuffle.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        shuffle.setAccessibleText(i18n.get("player.shuffle"));
        shuffle.setTooltip(new Tooltip(i18n.get("player.shuffle")));
        shuffle.setId("shuffle");
        shuffle.selectedProperty().bindBidirectional(model.shuffle);
        shuffle.setOnAction(e -> actions.onShuffle(shuffle.isSelected()));
        repeat.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        repeat.graphicProperty().bind(model.repeat.map(r -> new FontIcon(r == RepeatMode.ONE
                ? Material2MZ.REPEAT_ONE : Material2MZ.REPEAT)));
        repeat.accessibleTextProperty().bind(model.repeat.map(r -> i18n.get("player.repeat." + r.name()
                .toLowerCase(Locale.ROOT))));
        repeat.opacityProperty().bind(model.repeat.map(r -> r == RepeatMode.OFF ? 0.55 : 1.0));
        repeat.setId("repeat");
        repeat.setOnAction(e -> actions.onRepeat());
        playPause.setOnAction(e -> actions.onPlayPause());
        playPause.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.BUTTON_CIRCLE, Styles.ACCENT);
        playPause.setId("play-pause");
        playPause.graphicProperty().bind(model.playing.map(p -> new FontIcon(p ? Material2MZ.PAUSE
                : Material2MZ.PLAY_ARROW)));
        playPause.accessibleTextProperty().bind(model.playing.map(p -> i18n.get(p ? "player.pause"
                : "player.play")));

        Label elapsed = new Label();
        elapsed.textProperty().bind(model.positionMs.map(ms -> TrackCell.clock(ms.longValue())));
        elapsed.setId("now-position");
        Label total = new Label();
        total.textProperty().bind(model.durationMs.map(ms -> TrackCell.clock(ms.longValue())));
        seek.maxProperty().bind(model.durationMs.map(ms -> Math.max(1, ms.doubleValue())));
        seek.setAccessibleText(i18n.get("player.position"));
        seek.setId("seek");
        model.positionMs.addListener((obs, old, ms) -> {
            if (!model.seeking.get()) {
                seek.setValue(ms.doubleValue());
            }
        });
        seek.valueChangingProperty().addListener((obs, was, changing) -> {
            if (changing) {
                actions.onSeeking();
            } else {
                actions.onSeek((long) seek.getValue());
            }
        });
        HBox.setHgrow(seek, Priority.ALWAYS);
        HBox time = new HBox(8, elapsed, seek, total);
        time.setAlignment(Pos.CENTER);
        HBox.setHgrow(time, Priority.ALWAYS);

        volume.valueProperty().bindBidirectional(model.volume);
        volume.setPrefWidth(110);
        volume.setAccessibleText(i18n.get("player.volume"));
        volume.setId("volume");
        HBox loudness = new HBox(6, new FontIcon(Material2MZ.VOLUME_UP), volume);
        loudness.setAlignment(Pos.CENTER);

        HBox current = new HBox(10, artwork, what);
        current.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(current, shuffle, previous, playPause, next, repeat, time, loudness);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(10, 16, 10, 16));
        root.getStyleClass().add("now-playing");
        root.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1 0 0 0;");
        root.setId("now-playing");
        root.disableProperty().bind(model.title.isEmpty());
    }

    private static Button icon(FontIcon icon, String name, Runnable action) {
        Button b = new Button(null, icon);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setAccessibleText(name);
        b.setOnAction(e -> action.run());
        return b;
    }
}
