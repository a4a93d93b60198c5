package dance.normal.player.vlc;

import uk.co.caprica.vlcj.binding.lib.LibVlc;

/**
 * Receives the decoded audio instead of a sound card, for tests and benchmarks that check what a listener would
 * hear: levels, gaps between tracks, volume. The engine then outputs 16-bit stereo at {@value #RATE} Hz through
 * libVLC's memory output, paced by libVLC's clock exactly as a sound card is.
 *
 * <p>Methods are called on libVLC's audio threads; they must return quickly.
 */
public interface AudioTap {

    /** The sample rate the tap receives. */
    int RATE = 44_100;

    /**
     * One block of audio.
     *
     * @param player which of the engine's two media players played it (they alternate for gapless playback)
     * @param ptsUs  when its first sample is heard, on libVLC's clock ({@link #clockUs()}), in microseconds
     * @param frames how many stereo frames it holds
     * @param rms    its root-mean-square level, 0 (silence) to 1 (full scale)
     */
    void block(int player, long ptsUs, int frames, double rms);

    /**
     * The volume a media player would set on the sound card.
     *
     * @param player which media player
     * @param volume 0 to 1 (libVLC's 100%), or more
     * @param muted  whether muted
     */
    default void volume(int player, float volume, boolean muted) {
    }

    /**
     * libVLC's clock, the one block timestamps are on.
     *
     * @return microseconds since an arbitrary origin
     */
    static long clockUs() {
        return LibVlc.libvlc_clock();
    }

    /**
     * How long a number of frames plays.
     *
     * @param frames stereo frames at {@value #RATE} Hz
     * @return microseconds
     */
    static long durationUs(int frames) {
        return frames * 1_000_000L / RATE;
    }
}
