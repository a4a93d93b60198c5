package dance.normal.app.nowplaying;

import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.Player;
import dance.normal.player.PlayerListener;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.I18n;
import java.util.Optional;
import java.util.function.BiFunction;
import javafx.scene.image.Image;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueListener;
import dance.normal.player.queue.QueueSnapshot;
import dance.normal.player.queue.RepeatMode;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Parent;

/**
 * The Now Playing bar over the session's {@link Player}: it shows the queue's current entry (a restored queue's
 * too), shuffle and repeat as the queue has them. Player events arrive on the player's threads and are
 * handed to the model on the FX thread; the seek slider moves the player only when the listener drags it.
 */
public final class NowPlayingController implements PlayerListener {

    private final NowPlayingModel model = new NowPlayingModel();
    private final NowPlayingView view;
    private final Player player;
    private String shownEntryId;
    private final Background background;
    private final BiFunction<String, Integer, Optional<Image>> artwork;
    private final QueueListener queueListener = this::queueChanged;

    /**
     * @param artwork the artwork of a track at a size, blocking (it runs in the background)
     */
    public NowPlayingController(Player player, I18n i18n, Background background,
                                BiFunction<String, Integer, Optional<Image>> artwork) {
        this.player = player;
        this.background = background;
        this.artwork = artwork;
        this.view = new NowPlayingView(model, i18n, this::onPlayPause, this::onPrevious, this::onNext);
        view.shuffle.setOnAction(e -> {
            boolean on = view.shuffle.isSelected();
            player.withQueue(q -> q.setShuffle(on));
        });
        view.repeat.setOnAction(e -> {
            RepeatMode next = model.repeat.get().cycle();
            model.repeat.set(next);
            player.withQueue(q -> q.setRepeat(next));
        });
        model.volume.set(player.preferences().volume());
        model.volume.addListener((obs, old, v) -> player.setVolume(v.intValue()));
        view.seek.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                player.seek((long) view.seek.getValue());
            }
        });
        player.addListener(this);
        player.addQueueListener(queueListener);
        // A window rebuilt while music plays (another language) starts from what the player is doing.
        model.playing.set(player.state() instanceof PlaybackState.Playing);
    }

    /** Stops listening to the player (the window is being rebuilt or closed). */
    public void close() {
        player.removeListener(this);
        player.removeQueueListener(queueListener);
    }

    /** On the player's thread: the current entry, shuffle and repeat are shown as the queue has them. */
    private void queueChanged(QueueSnapshot snapshot) {
        Platform.runLater(() -> {
            model.shuffle.set(snapshot.shuffle());
            view.shuffle.setSelected(snapshot.shuffle());
            model.repeat.set(snapshot.repeat());
            QueueItem current = snapshot.current().orElse(null);
            if (current == null) {
                shownEntryId = null;
                model.title.set("");
                model.artist.set("");
                model.playing.set(false);
            } else if (!current.entryId().equals(shownEntryId)) {
                boolean first = shownEntryId == null;
                shownEntryId = current.entryId();
                show(current);
                if (first && player.state() instanceof PlaybackState.Playing) {
                    onPosition(player.positionMs(), player.durationMs());
                }
            }
        });
    }

    public Parent view() {
        return view.root;
    }

    /** Plays {@code items} from {@code start}. */
    public void play(List<QueueItem> items, int start) {
        player.playNow(items, start);
    }

    private void show(QueueItem item) {
        view.artwork.show(item.entryId(), background, () -> artwork.apply(item.trackId(), view.artwork.size()));
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
    public void onError(PlaybackError error) {
        Platform.runLater(() -> model.error.set(error.message()));
    }
}
