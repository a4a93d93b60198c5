package dance.normal.protocol.library;

import java.util.List;

/** A listener's playlists, most recently changed first. */
public record Playlists(List<Playlist> playlists) {

    public Playlists {
        playlists = List.copyOf(playlists);
    }
}
