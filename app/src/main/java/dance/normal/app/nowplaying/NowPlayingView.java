package dance.normal.app.nowplaying;

import atlantafx.base.theme.Styles;
import java.time.Duration;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** The bar always in view: what plays, play/pause, previous/next, a seek slider and the volume. */
final class NowPlayingView {

    final HBox root = new HBox(14);
    final Button playPause = new Button();
    final Slider seek = new Slider(0, 1, 0);
    final Slider volume = new Slider(0, 100, 100);

    NowPlayingView(NowPlayingModel model, Runnable onPlayPause, Runnable onPrevious, Runnable onNext) {
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

        Button previous = icon(new FontIcon(Material2MZ.SKIP_PREVIOUS), "Previous", onPrevious);
        Button next = icon(new FontIcon(Material2MZ.SKIP_NEXT), "Next", onNext);
        playPause.setOnAction(e -> onPlayPause.run());
        playPause.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.BUTTON_CIRCLE, Styles.ACCENT);
        playPause.setId("play-pause");
        playPause.graphicProperty().bind(model.playing.map(p -> new FontIcon(p ? Material2MZ.PAUSE
                : Material2MZ.PLAY_ARROW)));
        playPause.accessibleTextProperty().bind(model.playing.map(p -> p ? "Pause" : "Play"));

        Label elapsed = new Label();
        elapsed.textProperty().bind(model.positionMs.map(ms -> clock(ms.longValue())));
        elapsed.setId("now-position");
        Label total = new Label();
        total.textProperty().bind(model.durationMs.map(ms -> clock(ms.longValue())));
        seek.maxProperty().bind(model.durationMs.map(ms -> Math.max(1, ms.doubleValue())));
        seek.setAccessibleText("Position");
        HBox.setHgrow(seek, Priority.ALWAYS);
        HBox time = new HBox(8, elapsed, seek, total);
        time.setAlignment(Pos.CENTER);
        HBox.setHgrow(time, Priority.ALWAYS);

        volume.valueProperty().bindBidirectional(model.volume);
        volume.setPrefWidth(110);
        volume.setAccessibleText("Volume");
        HBox loudness = new HBox(6, new FontIcon(Material2MZ.VOLUME_UP), volume);
        loudness.setAlignment(Pos.CENTER);

        root.getChildren().addAll(what, previous, playPause, next, time, loudness);
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

    static String clock(long ms) {
        Duration d = Duration.ofMillis(Math.max(0, ms));
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
