package dance.normal.app.nowplaying;

import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.Player;
import dance.normal.player.PlayerListener;
import dance.normal.player.queue.QueueItem;
import java.net.URI;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Parent;

/**
 * The Now Playing bar over the session's {@link Player}. Player events arrive on the player's threads and are
 * handed to the model on the FX thread; the seek slider moves the player only when the listener drags it.
 */
public final class NowPlayingController implements PlayerListener {

    private final NowPlayingModel model = new NowPlayingModel();
    private final NowPlayingView view;
    private final Player player;
    private List<QueueItem> queue = List.of();
    private int index;

    public NowPlayingController(Player player) {
        this.player = player;
        this.view = new NowPlayingView(model, this::onPlayPause, this::onPrevious, this::onNext);
        model.volume.set(player.preferences().volume());
        model.volume.addListener((obs, old, v) -> player.setVolume(v.intValue()));
        view.seek.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                player.seek((long) view.seek.getValue());
            }
        });
        player.addListener(this);
    }

    public Parent view() {
        return view.root;
    }

    /** Plays {@code items} from {@code start}. */
    public void play(List<QueueItem> items, int start) {
        queue = List.copyOf(items);
        index = start;
        show(queue.get(start));
        player.playNow(queue, start);
    }

    private void show(QueueItem item) {
        model.title.set(item.title());
        model.artist.set(item.artist());
        model.error.set("");
        model.positionMs.set(0);
        model.durationMs.set(item.durationMs());
    }

    /** Space: play or pause (the shell calls this when no text field has the keyboard). */
    public void togglePlayPause() {
        if (!model.title.get().isEmpty()) {
            onPlayPause();
        }
    }

    /** Arrow keys: five seconds back or forward. */
    public void seekBy(long deltaMs) {
        if (!model.title.get().isEmpty()) {
            player.seek(Math.max(0, model.positionMs.get() + deltaMs));
        }
    }

    private void onPlayPause() {
        if (model.playing.get()) {
            player.pause();
        } else {
            player.resume();
        }
    }

    private void onPrevious() {
        player.previous(model.positionMs.get());
    }

    private void onNext() {
        player.next();
    }

    @Override
    public void onState(PlaybackState state) {
        Platform.runLater(() -> model.playing.set(state instanceof PlaybackState.Playing));
    }

    @Override
    public void onPosition(long positionMs, long durationMs) {
        Platform.runLater(() -> {
            model.positionMs.set(positionMs);
            if (durationMs > 0) {
                model.durationMs.set(durationMs);
            }
            if (!view.seek.isValueChanging()) {
                view.seek.setValue(positionMs);
            }
        });
    }

    @Override
    public void onAdvanced(URI source) {
        Platform.runLater(() -> {
            if (index + 1 < queue.size()) {
                show(queue.get(++index));
            }
        });
    }

    @Override
    public void onError(PlaybackError error) {
        Platform.runLater(() -> model.error.set(error.message()));
    }
}
