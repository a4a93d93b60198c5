package dance.normal.protocol.plays;

import java.util.List;

/**
 * The most played tracks of the last 30 days, most played first: what Home shows as "Popular".
 *
 * @param tracks each track with its count of qualified plays
 */
public record Popular(List<Entry> tracks) {

    public Popular {
        tracks = List.copyOf(tracks);
    }

    /**
     * @param trackId a track of the catalog
     * @param plays   its qualified plays in the window
     */
    public record Entry(String trackId, long plays) {
    }
}
