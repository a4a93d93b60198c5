package dance.normal.app.session;

import dance.normal.protocol.catalog.Track;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.download.DownloadManager;
import dance.normal.sync.library.Library;
import dance.normal.sync.library.LocalPlaylist;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The library in the local store ({@link Library}); each change waits in the outbox, and {@code changedLocally}
 * tells the sync so (the status shows it, and it goes out now if the server can be reached).
 */
final class LiveLibraryService implements LibraryService {

    private final Library library;
    private final CatalogMirror mirror;
    private final DownloadManager downloads;
    private final QueueMemory queueMemory;
    private final Runnable changedLocally;

    LiveLibraryService(Library library, CatalogMirror mirror, DownloadManager downloads, QueueMemory queueMemory,
                       Runnable changedLocally) {
        this.library = library;
        this.mirror = mirror;
        this.downloads = downloads;
        this.queueMemory = queueMemory;
        this.changedLocally = changedLocally;
    }

    @Override
    public void setLiked(String trackId, boolean liked) {
        OffFxThread.require("Liking a track");
        library.setLiked(trackId, liked);
        changedLocally.run();
    }

    @Override
    public boolean isLiked(String trackId) {
        OffFxThread.require("Reading likes");
        return library.isLiked(trackId);
    }

    @Override
    public List<Track> likedTracks() {
        OffFxThread.require("Reading likes");
        return mirror.liked();
    }

    @Override
    public List<Track> downloadedTracks() {
        OffFxThread.require("Reading downloads");
        return downloads.verifiedTrackIds().stream().map(mirror::track).flatMap(Optional::stream).toList();
    }

    @Override
    public List<Track> recentlyPlayed() {
        OffFxThread.require("Reading what was played");
        return queueMemory.recent().stream().map(mirror::track).flatMap(Optional::stream).toList();
    }

    @Override
    public List<LocalPlaylist> playlists() {
        OffFxThread.require("Reading playlists");
        return library.playlists();
    }

    @Override
    public List<Track> tracksOf(LocalPlaylist playlist) {
        OffFxThread.require("Reading a playlist");
        return playlist.trackIds().stream().map(mirror::track).flatMap(Optional::stream).toList();
    }

    @Override
    public String createPlaylist(String name, List<String> trackIds) {
        OffFxThread.require("Making a playlist");
        String id = library.createPlaylist(name, trackIds);
        changedLocally.run();
        return id;
    }

    @Override
    public void addToPlaylist(String localId, String trackId) {
        OffFxThread.require("Changing a playlist");
        LocalPlaylist p = library.playlist(localId).orElseThrow(() -> new IllegalArgumentException(
                "No such playlist"));
        if (!p.trackIds().contains(trackId)) {
            List<String> tracks = new ArrayList<>(p.trackIds());
            tracks.add(trackId);
            library.updatePlaylist(localId, p.name(), tracks);
            changedLocally.run();
        }
    }
}
