package dance.normal.protocol.library;

import java.time.Instant;
import java.util.List;

/**
 * A listener's playlist. {@code version} grows with every change; an update names the version it was based on
 * ({@code If-Match}), so an edit made elsewhere in between is noticed, not overwritten.
 */
public record Playlist(String id, String name, List<String> trackIds, long version, Instant updatedAt) {

    public Playlist {
        trackIds = List.copyOf(trackIds);
    }
}
