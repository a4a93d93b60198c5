package dance.normal.app.nowplaying;

import dance.normal.player.queue.RepeatMode;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What is playing and where; updated on the FX thread from the player's events. */
final class NowPlayingModel {

    final StringProperty title = new SimpleStringProperty("");
    final StringProperty artist = new SimpleStringProperty("");
    /** The track whose artwork is shown (it stays when the queue empties, as the bar is then disabled). */
    final StringProperty trackId = new SimpleStringProperty();
    final BooleanProperty playing = new SimpleBooleanProperty(false);
    final LongProperty positionMs = new SimpleLongProperty(0);
    final LongProperty durationMs = new SimpleLongProperty(0);
    /** The listener is dragging the seek slider: it does not follow the position until let go. */
    final BooleanProperty seeking = new SimpleBooleanProperty(false);
    /** 0 to 100. */
    final DoubleProperty volume = new SimpleDoubleProperty(100);
    /** A sentence when a track could not play; empty otherwise. */
    final StringProperty error = new SimpleStringProperty("");
    final BooleanProperty shuffle = new SimpleBooleanProperty(false);
    final ObjectProperty<RepeatMode> repeat = new SimpleObjectProperty<>(RepeatMode.OFF);
}
