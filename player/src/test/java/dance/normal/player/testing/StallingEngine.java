package dance.normal.player.testing;

import dance.normal.player.AudioEngine;
import dance.normal.player.PlaybackError;
import dance.normal.player.PlaybackState;
import dance.normal.player.PlayerListener;
import dance.normal.player.audio.EqualizerPreset;
import dance.normal.player.audio.EqualizerSettings;
import dance.normal.player.audio.TrackGain;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real engine that can be made to report a stall on demand: libVLC cannot be made to hang when a test wants it
 * to, so this produces what the engine's watchdog would report, and silences the real engine as a hung one is.
 * It also keeps every source it was asked to load, so a test can tell what the player handed it.
 */
public final class StallingEngine implements AudioEngine {

    private final AudioEngine real;
    private final List<PlayerListener> listeners = new CopyOnWriteArrayList<>();
    private final List<URI> loaded = new CopyOnWriteArrayList<>();

    public StallingEngine(AudioEngine real) {
        this.real = real;
    }

    /** Reports {@link PlaybackError.Kind#ENGINE_STALLED} as the watchdog does, and stops the sound. */
    public void stall() {
        listeners.forEach(real::removeListener);
        real.stop();
        PlaybackError error = new PlaybackError(PlaybackError.Kind.ENGINE_STALLED, "The player stopped responding.");
        listeners.forEach(l -> l.onState(new PlaybackState.Failed(error)));
        listeners.forEach(l -> l.onError(error));
    }

    /** {@return every source this engine was asked to load, in order} */
    public List<URI> loaded() {
        return List.copyOf(loaded);
    }

    @Override
    public void load(URI source, TrackGain gain) {
        loaded.add(source);
        real.load(source, gain);
    }

    @Override
    public void preload(URI next, TrackGain gain) {
        real.preload(next, gain);
    }

    @Override
    public void setEqualizer(EqualizerSettings settings) {
        real.setEqualizer(settings);
    }

    @Override
    public List<EqualizerPreset> equalizerPresets() {
        return real.equalizerPresets();
    }

    @Override
    public void play() {
        real.play();
    }

    @Override
    public void pause() {
        real.pause();
    }

    @Override
    public void resume() {
        real.resume();
    }

    @Override
    public void seek(long positionMs) {
        real.seek(positionMs);
    }

    @Override
    public void stop() {
        real.stop();
    }

    @Override
    public void setVolume(int percent) {
        real.setVolume(percent);
    }

    @Override
    public void setMuted(boolean muted) {
        real.setMuted(muted);
    }

    @Override
    public void addListener(PlayerListener listener) {
        listeners.add(listener);
        real.addListener(listener);
    }

    @Override
    public void removeListener(PlayerListener listener) {
        listeners.remove(listener);
        real.removeListener(listener);
    }

    @Override
    public void close() {
        real.close();
    }

    @Override
    public CompletionStage<Void> whenClosed() {
        return real.whenClosed();
    }
}
