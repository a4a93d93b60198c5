package dance.normal.app.session;

import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.sync.TrackSource;
import dance.normal.sync.api.UnreachableException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javafx.scene.image.Image;

/** A catalog in memory: the tracks, releases and artists a test puts in. No artwork. */
public final class FakeCatalogService implements CatalogService {

    public final List<Track> tracks = new CopyOnWriteArrayList<>();
    public final List<Release> releases = new CopyOnWriteArrayList<>();
    public final Map<String, Artist> artists = new ConcurrentHashMap<>();
    /** What can play, by track id; a track not in it streams when {@link #online}, and cannot play when not. */
    public final Map<String, TrackSource.Status> availability = new ConcurrentHashMap<>();
    public final AtomicInteger syncs = new AtomicInteger();
    public volatile boolean online = true;
    /** What popular returns; null: the server cannot be reached and nothing was kept. */
    public volatile Seen<List<Track>> popular = new Seen<>(List.of(), Instant.EPOCH, false);
    /** When set, searches fail with it. */
    public volatile RuntimeException searchFailure;
    /** Searches wait here (closed by the test to see a search under way). */
    public final Gate searching = new Gate();

    /** A track of {@code artist} with the fields screens show; the rest made up. */
    public static Track track(String id, String title, String artist) {
        return new Track(id, title, "artist-" + artist, artist, "release-" + id, "Release of " + title, 1, "Pop",
                180_000, "mp3", "audio/mpeg", 192, 4_000_000, "0".repeat(64), null, null, null);
    }

    @Override
    public int syncCatalog() {
        syncs.incrementAndGet();
        return 0;
    }

    @Override
    public List<Track> search(String text, int limit) {
        searching.pass();
        if (searchFailure != null) {
            throw searchFailure;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return tracks.stream().filter(t -> (t.title() + " " + t.artistName()).toLowerCase(Locale.ROOT)
                .contains(lower)).limit(limit).toList();
    }

    @Override
    public Optional<Track> track(String trackId) {
        return tracks.stream().filter(t -> t.id().equals(trackId)).findFirst();
    }

    @Override
    public List<Release> newReleases(int limit) {
        return releases.stream().limit(limit).toList();
    }

    @Override
    public Optional<Release> release(String id) {
        return releases.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public List<Track> tracksOfRelease(String releaseId) {
        return tracks.stream().filter(t -> releaseId.equals(t.releaseId())).toList();
    }

    @Override
    public Optional<Artist> artist(String id) {
        return Optional.ofNullable(artists.get(id));
    }

    @Override
    public List<Release> releasesOfArtist(String artistId) {
        return releases.stream().filter(r -> artistId.equals(r.artistId())).toList();
    }

    @Override
    public List<Track> tracksOfArtist(String artistId) {
        return tracks.stream().filter(t -> artistId.equals(t.artistId())).toList();
    }

    @Override
    public Seen<List<Track>> popular(int limit) {
        Seen<List<Track>> seen = popular;
        if (seen == null) {
            throw new UnreachableException("The server cannot be reached", null);
        }
        return seen;
    }

    @Override
    public Map<String, TrackSource.Status> availability(List<Track> tracks) {
        return tracks.stream().collect(Collectors.toMap(Track::id, t -> availability.getOrDefault(t.id(),
                new TrackSource.Status(online ? TrackSource.Availability.ONLINE_ONLY
                        : TrackSource.Availability.UNAVAILABLE, online ? null : "offline")), (a, b) -> a));
    }

    @Override
    public boolean online() {
        return online;
    }

    @Override
    public Optional<Image> artwork(String url, int size) {
        return Optional.empty();
    }
}
