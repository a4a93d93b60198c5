package dance.normal.app.session;

import dance.normal.protocol.catalog.Track;
import dance.normal.sync.library.LocalPlaylist;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A library in memory over a {@link FakeCatalogService}: likes, playlists, downloaded and recent tracks. */
public final class FakeLibraryService implements LibraryService {

    private final FakeCatalogService catalog;
    public final Set<String> liked = ConcurrentHashMap.newKeySet();
    public final List<LocalPlaylist> playlists = new CopyOnWriteArrayList<>();
    public final List<String> downloaded = new CopyOnWriteArrayList<>();
    public final List<String> recent = new CopyOnWriteArrayList<>();
    /** When set, changes (like, playlists) fail with it. */
    public volatile RuntimeException changeFailure;

    public FakeLibraryService(FakeCatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public void setLiked(String trackId, boolean like) {
        failIfAsked();
        if (like) {
            liked.add(trackId);
        } else {
            liked.remove(trackId);
        }
    }

    @Override
    public boolean isLiked(String trackId) {
        return liked.contains(trackId);
    }

    @Override
    public List<Track> likedTracks() {
        return tracks(List.copyOf(liked));
    }

    @Override
    public List<Track> downloadedTracks() {
        return tracks(downloaded);
    }

    @Override
    public List<Track> recentlyPlayed() {
        return tracks(recent);
    }

    @Override
    public List<LocalPlaylist> playlists() {
        return List.copyOf(playlists);
    }

    @Override
    public List<Track> tracksOf(LocalPlaylist playlist) {
        return tracks(playlist.trackIds());
    }

    @Override
    public String createPlaylist(String name, List<String> trackIds) {
        failIfAsked();
        String id = UUID.randomUUID().toString();
        playlists.add(new LocalPlaylist(id, null, name, trackIds, 1));
        return id;
    }

    @Override
    public void addToPlaylist(String localId, String trackId) {
        failIfAsked();
        LocalPlaylist p = playlist(localId).orElseThrow(() -> new IllegalArgumentException("No such playlist"));
        if (!p.trackIds().contains(trackId)) {
            List<String> ids = new ArrayList<>(p.trackIds());
            ids.add(trackId);
            playlists.set(playlists.indexOf(p), new LocalPlaylist(localId, p.serverId(), p.name(), ids,
                    p.version() + 1));
        }
    }

    public Optional<LocalPlaylist> playlist(String localId) {
        return playlists.stream().filter(p -> p.localId().equals(localId)).findFirst();
    }

    private List<Track> tracks(List<String> ids) {
        return ids.stream().map(catalog::track).flatMap(Optional::stream).toList();
    }

    private void failIfAsked() {
        if (changeFailure != null) {
            throw changeFailure;
        }
    }
}
