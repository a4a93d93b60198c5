package dance.normal.protocol.plays;

import java.util.List;
import java.util.Map;

/**
 * What became of the plays of an artist's tracks: per track, how many plays were recorded for each
 * {@link PlayReason} (reasons with no play left out), and the same counts over all their tracks.
 */
public record PlayReasons(Map<PlayReason, Long> total, List<Track> tracks) {

    public PlayReasons {
        tracks = List.copyOf(tracks);
    }

    /** One track's counts. */
    public record Track(String trackId, String title, Map<PlayReason, Long> counts) {
    }
}
