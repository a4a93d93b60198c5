package dance.normal.player;

import dance.normal.player.audio.EqualizerPreset;
import dance.normal.player.audio.EqualizerSettings;
import dance.normal.player.audio.TrackGain;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Plays one track at a time from a file or an HTTP(S) URL.
 *
 * <p>No method blocks its caller: each one enqueues its work on the engine's own thread and returns.
 * Results arrive through {@link PlayerListener}s; failures are {@link PlayerListener#onError} events,
 * never exceptions thrown into the caller's thread.
 */
public interface AudioEngine extends AutoCloseable {

    /**
     * Stops what plays and makes {@code source} the current media, without starting it.
     *
     * @param source a {@code file:} URI or an {@code http(s):} URL
     * @param gain   the track's loudness gain
     */
    void load(URI source, TrackGain gain);

    /**
     * Stops what plays and makes {@code source} the current media, at its own loudness.
     *
     * @param source a {@code file:} URI or an {@code http(s):} URL
     */
    default void load(URI source) {
        load(source, TrackGain.NONE);
    }

    /**
     * Gets the media that follows the current one ready, so that it starts without a gap when the current one
     * ends; {@link PlayerListener#onAdvanced} then reports the change instead of an ended state. A later call
     * replaces the earlier one.
     *
     * @param next the next media, or {@code null} to drop what was preloaded (then the end of the current media
     *             is an ended state as usual)
     * @param gain the next track's loudness gain
     */
    void preload(URI next, TrackGain gain);

    /**
     * Applies the listener's equalizer to what plays now and to what plays later.
     *
     * @param settings the equalizer
     */
    void setEqualizer(EqualizerSettings settings);

    /**
     * The equalizer presets this engine offers. Does not block.
     *
     * @return the presets, in the engine's order
     */
    List<EqualizerPreset> equalizerPresets();

    /** Plays the current media from its start, or from where it is paused. */
    void play();

    /**
     * Loads {@code source} and plays it.
     *
     * @param source a {@code file:} URI or an {@code http(s):} URL
     */
    default void play(URI source) {
        play(source, TrackGain.NONE);
    }

    /**
     * Loads {@code source} and plays it with a loudness gain.
     *
     * @param source a {@code file:} URI or an {@code http(s):} URL
     * @param gain   the track's loudness gain
     */
    default void play(URI source, TrackGain gain) {
        load(source, gain);
        play();
    }

    /** Pauses; does nothing unless playing. */
    void pause();

    /** Resumes after {@link #pause()}; does nothing unless paused. */
    void resume();

    /**
     * Moves to a position of the current media.
     *
     * @param positionMs the target in milliseconds from the start
     */
    void seek(long positionMs);

    /** Stops playback; the current media stays loaded and {@link #play()} starts it again. */
    void stop();

    /**
     * Sets the volume.
     *
     * @param percent 0 (silent) to 100 (full); values outside are clamped
     */
    void setVolume(int percent);

    /**
     * Mutes or unmutes without changing the volume.
     *
     * @param muted whether to mute
     */
    void setMuted(boolean muted);

    /**
     * Adds a listener.
     *
     * @param listener receives events on the engine's event thread
     */
    void addListener(PlayerListener listener);

    /**
     * Removes a listener added before.
     *
     * @param listener the listener
     */
    void removeListener(PlayerListener listener);

    /**
     * Stops playback and releases the native engine. Returns at once; {@link #whenClosed()} completes
     * when everything is released. Calls after this are ignored.
     */
    @Override
    void close();

    /**
     * Completes when {@link #close()} has released everything.
     *
     * @return a stage that completes once the engine is closed
     */
    CompletionStage<Void> whenClosed();
}
