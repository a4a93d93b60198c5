package dance.normal.app.fakes;

import dance.normal.player.AudioEngine;
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
 * An audio engine that plays nothing, for fast screen tests: a real {@link dance.normal.player.Player} (its queue,
 * its thread, its listeners) over it, with no libVLC. It reports playing and pausing as asked.
 */
public final class SilentEngine implements AudioEngine {

    private final List<PlayerListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void load(URI source, TrackGain gain) {
    }

    @Override
    public void preload(URI next, TrackGain gain) {
    }

    @Override
    public void setEqualizer(EqualizerSettings settings) {
    }

    @Override
    public List<EqualizerPreset> equalizerPresets() {
        return List.of();
    }

    @Override
    public void play() {
        listeners.forEach(l -> l.onState(PlaybackState.PLAYING));
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void seek(long positionMs) {
    }

    @Override
    public void stop() {
    }

    @Override
    public void setVolume(int percent) {
    }

    @Override
    public void setMuted(boolean muted) {
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
    }

    @Override
    public CompletionStage<Void> whenClosed() {
        return CompletableFuture.completedFuture(null);
    }
}
