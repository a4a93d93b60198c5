package dance.normal.app.nowplaying;

import dance.normal.app.ui.Artwork;
import dance.normal.app.ui.Background;
import dance.normal.app.ui.FxEvents;
import dance.normal.app.ui.I18n;
import dance.normal.app.ui.Subscriptions;
import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.Player;
import dance.normal.player.PlayerListener;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueListener;
import dance.normal.player.queue.QueueSnapshot;
import dance.normal.player.queue.RepeatMode;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import javafx.scene.Parent;
import javafx.scene.image.Image;

/**
 * The Now Playing bar over the session's {@link Player}: it shows the queue's current entry (a restored queue's
 * too), shuffle and repeat as the queue has them. Player events arrive on the player's threads and reach the model
 * through the event bridge; the bar is always shown, so it follows them until the window closes ({@link #close}).
 * The seek slider moves the player only when the listener lets it go.
 */
public final class NowPlayingController {

    private final NowPlayingModel model = new NowPlayingModel();
    private final NowPlayingView view;
    private final NowPlayingView.Actions actions;
    private final Player player;
    private final Subscriptions subscriptions = new Subscriptions();
    private String shownEntryId;

    /**
     * @param events  the bridge from the player's threads to the FX thread
     * @param artwork the artwork of a track at a size, blocking (it runs in the background)
     */
    public NowPlayingController(Player player, FxEvents events, I18n i18n, Background background,
                                BiFunction<String, Integer, Optional<Image>> artwork) {
        this.player = player;
        this.actions = new NowPlayingView.Actions() {
            @Override
            public void onPlayPause() {
                if (model.playing.get()) {
                    player.pause();
                } else {
                    player.resume();
                }
            }

            @Override
            public void onPrevious() {
                player.previous(model.positionMs.get());
            }

            @Override
            public void onNext() {
                player.next();
            }

            @Override
            public void onShuffle(boolean on) {
                model.shuffle.set(on);
                player.withQueue(q -> q.setShuffle(on));
            }

            @Override
            public void onRepeat() {
                RepeatMode next = model.repeat.get().cycle();
                model.repeat.set(next);
                player.withQueue(q -> q.setRepeat(next));
            }

            @Override
            public void onSeeking() {
                model.seeking.set(true);
            }

            @Override
            public void onSeek(long positionMs) {
                model.seeking.set(false);
                player.seek(positionMs);
            }
        };
        this.view = new NowPlayingView(model, i18n, new Artwork(background, artwork), actions);
        model.volume.set(player.preferences().volume());
        model.volume.addListener((obs, old, v) -> player.setVolume(v.intValue()));
        subscriptions.add(events.subscribe(player::addListener, player::removeListener,
                post -> new PlayerListener() {
                    @Override
                    public void onState(PlaybackState state) {
                        post.toFx(() -> model.playing.set(state instanceof PlaybackState.Playing));
                    }

                    @Override
                    public void onPosition(long positionMs, long durationMs) {
                        post.toFx(() -> showPosition(positionMs, durationMs));
                    }

                    @Override
                    public void onError(PlaybackError error) {
                        post.toFx(() -> model.error.set(error.message()));
                    }
                }));
        subscriptions.add(events.subscribe(player::addQueueListener, player::removeQueueListener,
                post -> (QueueListener) snapshot -> post.toFx(() -> queueChanged(snapshot))));
        // A window rebuilt while music plays (another language) starts from what the player is doing.
        model.playing.set(player.state() instanceof PlaybackState.Playing);
    }

    NowPlayingModel model() {
        return model;
    }

    NowPlayingView.Actions actions() {
        return actions;
    }

    /** Stops following the player (the window is being rebuilt or closed). */
    public void close() {
        subscriptions.close();
    }

    /** The current entry, shuffle and repeat are shown as the queue has them. */
    private void queueChanged(QueueSnapshot snapshot) {
        model.shuffle.set(snapshot.shuffle());
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
                showPosition(player.positionMs(), player.durationMs());
            }
        }
    }

    public Parent view() {
        return view.root;
    }

    /** Plays {@code items} from {@code start}. */
    public void play(List<QueueItem> items, int start) {
        player.playNow(items, start);
    }

    private void show(QueueItem item) {
        model.trackId.set(null); // the same track again (another entry) loads its artwork again, as before
        model.trackId.set(item.trackId());
        model.title.set(item.title());
        model.artist.set(item.artist());
        model.error.set("");
        model.positionMs.set(0);
        model.durationMs.set(item.durationMs());
    }

    private void showPosition(long positionMs, long durationMs) {
        model.positionMs.set(positionMs);
        if (durationMs > 0) {
            model.durationMs.set(durationMs);
        }
    }

    /** Space: play or pause (the shell calls this when no text field has the keyboard). */
    public void togglePlayPause() {
        if (!model.title.get().isEmpty()) {
            actions.onPlayPause();
        }
    }

    /** Arrow keys: five seconds back or forward. */
    public void seekBy(long deltaMs) {
        if (!model.title.get().isEmpty()) {
            player.seek(Math.max(0, model.positionMs.get() + deltaMs));
        }
    }
}
