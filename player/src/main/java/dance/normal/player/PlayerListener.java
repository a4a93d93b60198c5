package dance.normal.player;

import java.net.URI;

/**
 * Receives what an {@link AudioEngine} does. Every method is called on the engine's own event thread,
 * one call at a time and in order, never on a native or a caller's thread: a UI hands the values to its
 * own thread. A listener must return quickly and must not block.
 */
public interface PlayerListener {

    /**
     * The playback state changed.
     *
     * @param state the new state
     */
    default void onState(PlaybackState state) {
    }

    /**
     * Where playback is, sent at a steady rate of at most four times a second while playing, and once
     * after a seek.
     *
     * @param positionMs the position in milliseconds
     * @param durationMs the duration in milliseconds, or -1 when not known (a live stream)
     */
    default void onPosition(long positionMs, long durationMs) {
    }

    /**
     * The current media ended and the one given to {@link AudioEngine#preload} took over without a gap; no
     * ended state is sent for the media that ended. Positions from here on are the new media's.
     *
     * @param source the media that plays now
     */
    default void onAdvanced(URI source) {
    }

    /**
     * Playback failed. Sent together with a {@link PlaybackState.Failed} state.
     *
     * @param error why
     */
    default void onError(PlaybackError error) {
    }
}
