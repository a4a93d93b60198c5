package dance.normal.player.mpris;

/**
 * What the desktop can ask of the player through MPRIS.
 *
 * <p>Calls arrive on a D-Bus thread, one at a time. Implementations must not block: hand the request to the
 * player's own thread (or the FX thread) and return. An exception is logged and answered as a D-Bus error.
 */
public interface MprisTarget {

    /** Starts or resumes playback. */
    void play();

    /** Pauses playback. */
    void pause();

    /** Pauses when playing, plays otherwise. */
    void playPause();

    /** Stops playback. */
    void stop();

    /** Skips to the next track. */
    void next();

    /** Goes to the previous track (or restarts the current one, as the queue decides). */
    void previous();

    /**
     * Seeks relative to the current position.
     *
     * @param offsetMs how far to move, in milliseconds; negative moves back
     */
    void seekBy(long offsetMs);

    /**
     * Seeks to an absolute position in the given track (MPRIS {@code SetPosition}). The bridge already drops
     * requests for a track that is no longer current; an implementation should still ignore a trackId that is not
     * the current one, since the track may have changed since.
     *
     * @param trackId    the track the desktop saw, as given in {@link NowPlaying#trackId()}
     * @param positionMs the position, in milliseconds from the start
     */
    void seekTo(String trackId, long positionMs);

    /**
     * Sets the volume.
     *
     * @param zeroToOne the volume, clamped to 0..1 by the bridge
     */
    void setVolume(double zeroToOne);

    /**
     * Turns shuffle on or off. Does nothing unless overridden.
     *
     * @param on whether to shuffle
     */
    default void setShuffle(boolean on) {
    }

    /**
     * Sets the repeat mode. Does nothing unless overridden.
     *
     * @param loop the new repeat mode
     */
    default void setLoop(NowPlaying.Loop loop) {
    }

    /**
     * Brings the app's window to the front. Does nothing unless overridden; the bridge then reports CanRaise false.
     */
    default void raise() {
    }

    /**
     * Quits the app. Does nothing unless overridden; the bridge then reports CanQuit false.
     */
    default void quit() {
    }
}
