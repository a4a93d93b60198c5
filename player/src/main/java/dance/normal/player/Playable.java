package dance.normal.player;

import dance.normal.player.audio.TrackGain;
import java.net.URI;
import java.util.Objects;

/**
 * A queue item made playable: where its audio is and how loud to play it.
 *
 * @param uri  a verified local {@code file:} URI or a signed {@code http(s):} stream URL
 * @param gain the track's loudness gain, {@link TrackGain#NONE} when its loudness is unknown
 */
public record Playable(URI uri, TrackGain gain) {

    public Playable {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(gain, "gain");
    }

    /** A source played at its own loudness. */
    public static Playable of(URI uri) {
        return new Playable(uri, TrackGain.NONE);
    }
}
