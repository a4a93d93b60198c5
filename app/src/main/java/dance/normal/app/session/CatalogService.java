package dance.normal.app.session;

import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.sync.TrackSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.image.Image;

/**
 * Reading the catalog: the local mirror (so it works offline), what is popular, what can play now, and artwork.
 * Every method blocks (database, disk or network) and refuses the FX thread.
 */
public interface CatalogService {

    /** Brings the catalog mirror up to date; returns the changes applied. */
    int syncCatalog();

    /** Tracks matching {@code text} in the local mirror, best first. */
    List<Track> search(String text, int limit);

    Optional<Track> track(String trackId);

    /** Releases, newest first, from the mirror (works offline). */
    List<Release> newReleases(int limit);

    Optional<Release> release(String id);

    List<Track> tracksOfRelease(String releaseId);

    Optional<Artist> artist(String id);

    List<Release> releasesOfArtist(String artistId);

    List<Track> tracksOfArtist(String artistId);

    /**
     * The most played tracks of the last 30 days, as far as the mirror knows them: from the server, or as it said
     * last time when offline.
     */
    Seen<List<Track>> popular(int limit);

    /** Whether tracks can play now, and why not, from local knowledge (downloads, mirror, the sync status). */
    Map<String, TrackSource.Status> availability(List<Track> tracks);

    /** Whether the server answered the last sync (a track that cannot play is gone, or only offline). */
    boolean online();

    /** Release artwork, cached on disk and in memory. */
    Optional<Image> artwork(String url, int size);
}
