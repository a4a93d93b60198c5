package dance.normal.app.session;

import dance.normal.player.AudioEngine;
import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.PlayerListener;
import dance.normal.player.audio.EqualizerPreset;
import dance.normal.player.audio.EqualizerSettings;
import dance.normal.player.audio.TrackGain;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An engine that plays nothing: it reports playing at once when asked to play, and the test reports positions and
 * errors as libVLC would ({@link #position}, {@link #error}). For screen tests with a real {@link
 * dance.normal.player.Player} and no libVLC.
 */
public final class FakeAudioEngine implements AudioEngine {

    private final List<PlayerListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile URI loaded;
    public final List<URI> played = new CopyOnWriteArrayList<>();

    public void position(long positionMs, long durationMs) {
        listeners.forEach(l -> l.onPosition(positionMs, durationMs));
    }

    public void error(PlaybackError error) {
        listeners.forEach(l -> l.onState(new PlaybackState.Failed(error)));
        listeners.forEach(l -> l.onError(error));
    }

    @Override
    public void load(URI source, TrackGain gain) {
        loaded = source;
    }

    @Override
    public void preload(URI next, TrackGain gain) {
        // nothing to prepare
    }

    @Override
    public void setEqualizer(EqualizerSettings settings) {
        // no sound to shape
    }

    @Override
    public List<EqualizerPreset> equalizerPresets() {
        return List.of();
    }

    @Override
    public void play() {
        played.add(loaded);
        state(PlaybackState.PLAYING);
    }

    @Override
    public void pause() {
        state(PlaybackState.PAUSED);
    }

    @Override
    public void resume() {
        state(PlaybackState.PLAYING);
    }

    @Override
    public void seek(long positionMs) {
        position(positionMs, 0);
    }

    @Override
    public void stop() {
        state(PlaybackState.IDLE);
    }

    @Override
    public void setVolume(int percent) {
        // silent anyway
    }

    @Override
    public void setMuted(boolean muted) {
        // silent anyway
    }

    @Override
    public void addListener(PlayerListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(PlayerListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        closed.complete(null);
    }

    @Override
    public CompletionStage<Void> whenClosed() {
        return closed;
    }

    private void state(PlaybackState state) {
        listeners.forEach(l -> l.onState(state));
    }
}
