package dance.normal.player.mpris;

import java.util.Objects;

/**
 * What the desktop shows: the current track, playback status, volume and queue capabilities, as one immutable
 * value pushed to {@link MprisBridge#update(NowPlaying)}.
 *
 * @param trackId       a stable id of the current track (any text; the bridge turns it into a D-Bus object path);
 *                      empty when nothing is loaded
 * @param title         the track title, empty when unknown
 * @param artist        the artist, empty when unknown
 * @param album         the album, empty when unknown
 * @param artUrl        a URL of the cover art ({@code file://} or {@code https://}), or {@code null}
 * @param lengthMs      the track length in milliseconds, 0 when unknown
 * @param status        playing, paused or stopped
 * @param positionMs    the position in milliseconds at the time of the update
 * @param volume        the volume, 0..1
 * @param canGoNext     whether "next" would do something
 * @param canGoPrevious whether "previous" would do something
 * @param shuffle       whether shuffle is on
 * @param loop          the repeat mode
 */
public record NowPlaying(String trackId, String title, String artist, String album, String artUrl, long lengthMs,
                         Status status, long positionMs, double volume, boolean canGoNext, boolean canGoPrevious,
                         boolean shuffle, Loop loop) {

    /** Nothing loaded: stopped, no metadata, full volume. */
    public static final NowPlaying NOTHING =
            new NowPlaying("", "", "", "", null, 0, Status.STOPPED, 0, 1.0, false, false, false, Loop.NONE);

    /** The MPRIS playback status. */
    public enum Status {
        /** A track is playing. */
        PLAYING,
        /** A track is paused. */
        PAUSED,
        /** Nothing plays. */
        STOPPED
    }

    /** The MPRIS loop status: the queue's repeat mode. */
    public enum Loop {
        /** Stop at the end of the queue. */
        NONE,
        /** Repeat the current track. */
        TRACK,
        /** Repeat the whole queue. */
        PLAYLIST
    }

    public NowPlaying {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(artist, "artist");
        Objects.requireNonNull(album, "album");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(loop, "loop");
        if (lengthMs < 0 || positionMs < 0) {
            throw new IllegalArgumentException("negative length or position");
        }
        if (!(volume >= 0 && volume <= 1)) {
            throw new IllegalArgumentException("volume outside 0..1: " + volume);
        }
    }

    /** {@return whether a track is loaded} */
    public boolean hasTrack() {
        return !trackId.isEmpty();
    }
}
