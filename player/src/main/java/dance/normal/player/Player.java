package dance.normal.player;

import dance.normal.player.audio.EqualizerPreset;
import dance.normal.player.audio.EqualizerSettings;
import dance.normal.player.audio.PlayerPreferences;
import dance.normal.player.audio.PlayerSettings;
import dance.normal.player.audio.TrackGain;
import dance.normal.player.plays.PlayQualifier;
import dance.normal.player.plays.QualifiedPlay;
import dance.normal.player.queue.PlayQueue;
import dance.normal.player.queue.QueueItem;
import dance.normal.player.queue.QueueListener;
import dance.normal.player.queue.QueueState;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue and the engine together: a track that ends moves the queue on ({@link PlayQueue#trackEnded()}) and
 * what comes next plays, gaplessly when the engine had it preloaded; positions feed the {@link PlayQualifier},
 * which reports each qualified play once; volume and equalizer are applied and kept in {@link PlayerSettings}.
 *
 * <p>The queue is touched only on this player's own thread, so callers on any thread (the UI's included) never
 * block and never race the engine's events. When the engine reports {@link PlaybackError.Kind#ENGINE_STALLED},
 * the player makes a new one from its supplier and carries on from where the track was.
 */
public final class Player implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Player.class);

    private final Supplier<? extends AudioEngine> engines;
    private final PlayQueue queue;
    private final Function<QueueItem, Playable> sources;
    private final PlayerSettings settings;
    private final PlayQualifier qualifier;
    private final List<PlayerListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("player").daemon().factory());

    private volatile AudioEngine engine;
    private volatile PlayerPreferences preferences;
    private volatile PlaybackState state = PlaybackState.IDLE;
    private volatile long positionMs;
    private volatile long durationMs;
    // Touched only on the player's thread.
    private String preloadedEntryId;
    private long lastPositionMs;
    private int failuresInARow;
    /** Whether the current entry was handed to the engine; false after {@link #restore} until play starts. */
    private boolean loaded;
    /** Where a restored current entry starts when play is asked for. */
    private long restoredPositionMs;

    /**
     * @param engines     makes the audio engine, once at the start and again if one stalls
     * @param queue       the queue, from now on touched only on the player's thread
     * @param sources     turns a queue item into something the engine can play (sync's TrackSource); called on
     *                    the player's thread, may do I/O
     * @param clock       for the play qualifier
     * @param onQualified hears each qualified play once, on the player's thread
     * @param settings    where volume and equalizer are kept between runs
     */
    public Player(Supplier<? extends AudioEngine> engines, PlayQueue queue, Function<QueueItem, Playable> sources,
                  Clock clock, Consumer<QualifiedPlay> onQualified, PlayerSettings settings) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.qualifier = new PlayQualifier(clock, onQualified);
        this.preferences = settings.load();
        this.engine = attach(engines.get());
    }

    /** Replaces the queue with {@code items} and plays from {@code index}. */
    public void playNow(List<QueueItem> items, int index) {
        thread.execute(() -> {
            queue.playNow(items, index);
            playCurrent(0);
        });
    }

    /** Skips to the next track (the listener's skip, not a track that ended). */
    public void next() {
        thread.execute(() -> queue.next().ifPresentOrElse(item -> playCurrent(0), () -> engine.stop()));
    }

    /** Restarts the current track after 3 s of play, else goes to the previous one. */
    public void previous(long positionMs) {
        thread.execute(() -> {
            queue.previous(positionMs);
            playCurrent(0);
        });
    }

    public void pause() {
        engine.pause();
    }

    /** Stops playback; the queue stays as it is. */
    public void stop() {
        engine.stop();
    }

    /** Plays on; after {@link #restore} it starts the restored current track where it was. */
    public void resume() {
        thread.execute(() -> {
            if (loaded) {
                engine.resume();
            } else {
                playCurrent(restoredPositionMs);
            }
        });
    }

    /**
     * Puts back a queue saved by an earlier run without playing: {@link #resume()} then starts its current track at
     * {@code positionMs}.
     */
    public void restore(QueueState state, long positionMs) {
        thread.execute(() -> {
            engine.stop();
            queue.restore(state);
            loaded = false;
            restoredPositionMs = Math.max(0, positionMs);
        });
    }

    /** Plays the queued entry {@code entryId} (picked from the queue's list). */
    public void jumpTo(String entryId) {
        thread.execute(() -> queue.jumpTo(entryId).ifPresent(item -> playCurrent(0)));
    }

    /**
     * Hears every change of the queue on the player's thread, starting with how it is now; the listener may read
     * the snapshot it is given but must not block.
     */
    public void addQueueListener(QueueListener listener) {
        Objects.requireNonNull(listener, "listener");
        thread.execute(() -> {
            queue.addListener(listener);
            listener.onChanged(queue.snapshot());
        });
    }

    public void seek(long positionMs) {
        engine.seek(positionMs);
    }

    /** Sets the volume, 0 to 100, and keeps it for the next run. */
    public void setVolume(int percent) {
        updatePreferences(preferences.withVolume(percent));
    }

    /** Mutes or unmutes, and keeps it for the next run. */
    public void setMuted(boolean muted) {
        updatePreferences(preferences.withMuted(muted));
    }

    /** Sets the equalizer and keeps it for the next run. */
    public void setEqualizer(EqualizerSettings equalizer) {
        updatePreferences(preferences.withEqualizer(equalizer));
    }

    /** The volume, mute and equalizer in effect. */
    public PlayerPreferences preferences() {
        return preferences;
    }

    /** What the engine last reported doing (for a view that starts listening late). */
    public PlaybackState state() {
        return state;
    }

    /** The last position the engine reported, in ms. */
    public long positionMs() {
        return positionMs;
    }

    /** The current media's length as the engine last reported it, in ms; 0 while unknown. */
    public long durationMs() {
        return durationMs;
    }

    /** The equalizer presets the engine offers. */
    public List<EqualizerPreset> equalizerPresets() {
        return engine.equalizerPresets();
    }

    /**
     * Adds a listener to what plays; it stays attached when the engine is replaced.
     *
     * @param listener called on the engine's event thread
     */
    public void addListener(PlayerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(PlayerListener listener) {
        listeners.remove(listener);
    }

    /**
     * The queue, for reading and for edits that do not change what plays now; only on the player's thread.
     * After the edit, what follows the current track is preloaded again.
     */
    public void withQueue(Consumer<PlayQueue> action) {
        thread.execute(() -> {
            action.accept(queue);
            preloadNext();
        });
    }

    public void removeQueueListener(QueueListener listener) {
        thread.execute(() -> queue.removeListener(listener));
    }

    private void updatePreferences(PlayerPreferences next) {
        preferences = next;
        AudioEngine target = engine;
        target.setVolume(next.volume());
        target.setMuted(next.muted());
        target.setEqualizer(next.equalizer());
        thread.execute(() -> settings.save(next));
    }

    private void applyPreferences(AudioEngine target) {
        PlayerPreferences now = preferences;
        target.setVolume(now.volume());
        target.setMuted(now.muted());
        target.setEqualizer(now.equalizer());
    }

    private AudioEngine attach(AudioEngine fresh) {
        applyPreferences(fresh);
        fresh.addListener(new EngineEvents(fresh));
        return fresh;
    }

    private void advanceAfterEnd() {
        Optional<QueueItem> next = queue.trackEnded();
        if (next.isPresent()) {
            playCurrent(0);
        } else {
            LOG.debug("The queue has ended");
        }
    }

    /**
     * The current track cannot be played (the engine already retried a stalled stream): the listener has the
     * error, and the queue goes on with the next track. A run of failures as long as the queue stops there, so a
     * queue of unplayable tracks under repeat-all does not spin.
     */
    private void skipFailed() {
        failuresInARow++;
        if (failuresInARow >= Math.max(1, queue.size())) {
            LOG.warn("{} tracks in a row could not be played; stopping", failuresInARow);
            failuresInARow = 0;
            return;
        }
        if (queue.trackEnded().isPresent()) {
            playCurrent(0);
        } else {
            failuresInARow = 0;
        }
    }

    /** The engine moved on by itself to the preloaded track: the queue follows, unless it changed meanwhile. */
    private void advancedGaplessly() {
        String expected = preloadedEntryId;
        Optional<QueueItem> next = queue.trackEnded();
        if (next.isEmpty()) {
            engine.stop();
            return;
        }
        QueueItem item = next.get();
        if (item.entryId().equals(expected)) {
            startPlay(item);
            preloadNext();
        } else {
            playCurrent(0);
        }
    }

    private void playCurrent(long fromMs) {
        queue.current().ifPresent(item -> {
            Optional<Playable> playable = playable(item);
            if (playable.isEmpty()) {
                return;
            }
            startPlay(item);
            loaded = true;
            AudioEngine target = engine;
            target.load(playable.get().uri(), playable.get().gain());
            if (fromMs > 0) {
                target.seek(fromMs);
            }
            target.play();
            preloadNext();
        });
    }

    private void startPlay(QueueItem item) {
        lastPositionMs = 0;
        qualifier.start(item.trackId(), item.durationMs());
    }

    private void preloadNext() {
        Optional<QueueItem> next = queue.current().isPresent() ? queue.peekNext() : Optional.empty();
        Optional<Playable> playable = next.flatMap(this::playable);
        preloadedEntryId = playable.isPresent() ? next.get().entryId() : null;
        engine.preload(playable.map(Playable::uri).orElse(null), playable.map(Playable::gain).orElse(TrackGain.NONE));
    }

    private Optional<Playable> playable(QueueItem item) {
        try {
            return Optional.of(sources.apply(item));
        } catch (RuntimeException e) {
            LOG.warn("No source for track {}: {}", item.trackId(), e.getMessage());
            PlaybackError error = new PlaybackError(PlaybackError.Kind.NOT_FOUND, "This track cannot be played now.");
            listeners.forEach(l -> l.onError(error));
            return Optional.empty();
        }
    }

    /** The engine stalled: a new one takes over where the track was. */
    private void replaceEngine(AudioEngine stalled) {
        if (stalled != engine) {
            return;
        }
        LOG.warn("Replacing the stalled audio engine; resuming at {} ms", lastPositionMs);
        stalled.close();
        try {
            engine = attach(engines.get());
        } catch (RuntimeException e) {
            LOG.error("A new audio engine could not be started", e);
            return;
        }
        long resumeAt = lastPositionMs;
        playCurrent(resumeAt);
    }

    /** Stops taking commands, finishes what was asked (a settings save included) and closes the engine. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The player's thread did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }

    /** Events of one engine; ignored once that engine has been replaced. */
    private final class EngineEvents implements PlayerListener {
        private final AudioEngine source;

        EngineEvents(AudioEngine source) {
            this.source = source;
        }

        @Override
        public void onState(PlaybackState state) {
            if (source != engine) {
                return;
            }
            Player.this.state = state;
            if (state instanceof PlaybackState.Ended) {
                thread.execute(Player.this::advanceAfterEnd);
            }
            listeners.forEach(l -> l.onState(state));
        }

        @Override
        public void onPosition(long positionMs, long durationMs) {
            if (source != engine) {
                return;
            }
            Player.this.positionMs = positionMs;
            Player.this.durationMs = durationMs;
            thread.execute(() -> {
                lastPositionMs = positionMs;
                if (positionMs > 0) {
                    failuresInARow = 0;
                }
                qualifier.position(positionMs);
            });
            listeners.forEach(l -> l.onPosition(positionMs, durationMs));
        }

        @Override
        public void onAdvanced(URI uri) {
            if (source != engine) {
                return;
            }
            thread.execute(Player.this::advancedGaplessly);
            listeners.forEach(l -> l.onAdvanced(uri));
        }

        @Override
        public void onError(PlaybackError error) {
            if (source != engine) {
                return;
            }
            if (error.kind() == PlaybackError.Kind.ENGINE_STALLED) {
                thread.execute(() -> replaceEngine(source));
            } else {
                thread.execute(Player.this::skipFailed);
            }
            listeners.forEach(l -> l.onError(error));
        }
    }
}
