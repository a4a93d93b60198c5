package dance.normal.app.session;

import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.plays.Popular;
import dance.normal.sync.SyncService;
import dance.normal.sync.TrackSource;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.catalog.CatalogSync;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.image.Image;

/** The catalog from the local mirror kept by {@link CatalogSync}, the server's popular list, and cached artwork. */
final class LiveCatalogService implements CatalogService {

    private final ApiClient api;
    private final CatalogMirror mirror;
    private final CatalogSync catalog;
    private final TrackSource sources;
    private final SyncService sync;
    private final ArtworkCache artwork;
    private final KeptAnswers kept;

    LiveCatalogService(ApiClient api, CatalogMirror mirror, CatalogSync catalog, TrackSource sources, SyncService sync,
                       ArtworkCache artwork, KeptAnswers kept) {
        this.api = api;
        this.mirror = mirror;
        this.catalog = catalog;
        this.sources = sources;
        this.sync = sync;
        this.artwork = artwork;
        this.kept = kept;
    }

    @Override
    public int syncCatalog() {
        OffFxThread.require("Syncing the catalog");
        return catalog.pull();
    }

    @Override
    public List<Track> search(String text, int limit) {
        OffFxThread.require("Searching");
        return mirror.search(text, limit);
    }

    @Override
    public Optional<Track> track(String trackId) {
        OffFxThread.require("Reading a track");
        return mirror.track(trackId);
    }

    @Override
    public List<Release> newReleases(int limit) {
        OffFxThread.require("Reading releases");
        return mirror.newReleases(limit);
    }

    @Override
    public Optional<Release> release(String id) {
        OffFxThread.require("Reading a release");
        return mirror.release(id);
    }

    @Override
    public List<Track> tracksOfRelease(String releaseId) {
        OffFxThread.require("Reading a release");
        return mirror.tracksOfRelease(releaseId);
    }

    @Override
    public Optional<Artist> artist(String id) {
        OffFxThread.require("Reading an artist");
        return mirror.artist(id);
    }

    @Override
    public List<Release> releasesOfArtist(String artistId) {
        OffFxThread.require("Reading an artist");
        return mirror.releasesOfArtist(artistId);
    }

    @Override
    public List<Track> tracksOfArtist(String artistId) {
        OffFxThread.require("Reading an artist");
        return mirror.tracksOfArtist(artistId);
    }

    @Override
    public Seen<List<Track>> popular(int limit) {
        OffFxThread.require("Reading what is popular");
        Seen<Popular> seen = kept.kept("app.popular.last", Popular.class,
                () -> api.get("/api/v1/popular?limit=" + limit, Popular.class));
        return new Seen<>(seen.value().tracks().stream().limit(limit).map(e -> mirror.track(e.trackId()))
                .flatMap(Optional::stream).toList(), seen.asOf(), seen.offline());
    }

    @Override
    public Map<String, TrackSource.Status> availability(List<Track> tracks) {
        OffFxThread.require("Checking what can play");
        return sources.availability(tracks);
    }

    @Override
    public boolean online() {
        return sync.status().online();
    }

    @Override
    public Optional<Image> artwork(String url, int size) {
        OffFxThread.require("Loading artwork");
        return artwork.image(url, size);
    }
}
