package dance.normal.app.session;

import dance.normal.protocol.catalog.Track;
import dance.normal.sync.library.LocalPlaylist;
import java.util.List;

/**
 * The listener's own collection: likes, playlists, what is kept on this device and what was played lately. Changes
 * are made here at once and reach the server as soon as it can be reached. Every method refuses the FX thread.
 */
public interface LibraryService {

    /** Likes or unlikes a track. */
    void setLiked(String trackId, boolean liked);

    boolean isLiked(String trackId);

    /** The liked tracks, the latest like first. */
    List<Track> likedTracks();

    /** The tracks kept whole on this device (they play offline), in the order they were asked for. */
    List<Track> downloadedTracks();

    /** What was played lately on this device, the latest first. */
    List<Track> recentlyPlayed();

    List<LocalPlaylist> playlists();

    List<Track> tracksOf(LocalPlaylist playlist);

    /** Makes a playlist with these tracks; returns its local id. */
    String createPlaylist(String name, List<String> trackIds);

    /** Adds a track at the end of a playlist (once: a track already there stays where it is). */
    void addToPlaylist(String localId, String trackId);
}
