package dance.normal.sync.library;

import java.util.List;

/**
 * A playlist as this device knows it.
 *
 * @param localId  made on this device; stable forever
 * @param serverId the server's id, or null until the create has been delivered
 * @param name     the name
 * @param trackIds the tracks in order
 * @param version  the server version this content is based on (0 before the first delivery)
 */
public record LocalPlaylist(String localId, String serverId, String name, List<String> trackIds, long version) {

    public LocalPlaylist {
        trackIds = List.copyOf(trackIds);
    }
}
