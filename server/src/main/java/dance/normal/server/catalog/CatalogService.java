package dance.normal.server.catalog;

import dance.normal.protocol.Page;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.feed.ChangeFeed;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog's reads that stand alone: the public catalog, images, a track's stored audio and an account's artist
 * profile. Each opens one handle for its use case and reads through {@link CatalogRepository}, which never opens
 * one itself (decision 0033); use cases that write open their own transaction in their service.
 */
public final class CatalogService {

    private static final long VERSION_TTL_NANOS = 1_000_000_000L;

    private final Jdbi jdbi;
    private final CatalogRepository catalog;
    private final ChangeFeed feed;
    private final PageCache<Page<Track>> pages = new PageCache<>(4096);
    private volatile VersionStamp version;

    public CatalogService(Jdbi jdbi, CatalogRepository catalog, ChangeFeed feed) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.feed = feed;
    }

    /**
     * Tracks, newest first, or the matches of {@code query} best first (see
     * {@link CatalogRepository#tracks(org.jdbi.v3.core.Handle, String, String, int)}).
     */
    public Page<Track> tracks(String query, String cursor, int limit) {
        int n = Math.clamp(limit, 1, CatalogRepository.MAX_PAGE);
        String terms = query == null ? "" : String.join(" ", SearchIndex.terms(query));
        // Pages are cached under the catalog's version (the newest change-feed seq), so a write retires every
        // cached page at once; people typing the same prefixes cost one lookup each.
        long version = catalogVersion();
        String key = version + "\u0000" + terms + "\u0000" + (query != null && !query.isBlank()) + "\u0000"
                + (cursor == null ? "" : cursor) + "\u0000" + n;
        Page<Track> cached = pages.get(key);
        if (cached != null) {
            return cached;
        }
        Page<Track> page = jdbi.withHandle(h -> catalog.tracks(h, query, cursor, n));
        pages.put(key, page);
        return page;
    }

    /**
     * The catalog version, read from the database at most once a second while this process is not writing, and on
     * every call for a second after it wrote (its own commit must show at once). A write by another server process
     * shows within a second.
     */
    private long catalogVersion() {
        long now = System.nanoTime();
        VersionStamp stamp = version;
        if (stamp != null && now - stamp.checkedAt() < VERSION_TTL_NANOS
                && now - feed.lastLocalWriteNanos() > VERSION_TTL_NANOS) {
            return stamp.version();
        }
        long fresh = feed.latestSeq();
        version = new VersionStamp(fresh, now);
        return fresh;
    }

    private record VersionStamp(long version, long checkedAt) {
    }

    /** A track of the catalog (published, not deleted). */
    public Optional<Track> track(String id) {
        return jdbi.withHandle(h -> catalog.findTrack(h, id));
    }

    /** An artist's page: profile and releases, newest first. */
    public Optional<Artist> artist(String id) {
        return jdbi.withHandle(h -> catalog.artistPage(h, id));
    }

    /** A release's page with its tracks in order. */
    public Optional<Release> release(String id) {
        return jdbi.withHandle(h -> catalog.releasePage(h, id));
    }

    /**
     * Whether a stored file is an artist's picture or the artwork of a release listeners see, or of one of the
     * viewer's own releases when a viewer is named.
     */
    public boolean isImage(String sha256, Optional<String> viewerAccountId) {
        return jdbi.withHandle(h -> catalog.isImage(h, sha256, viewerAccountId.orElse(null)));
    }

    /** The stored audio of a live track, published or a draft. */
    public Optional<StoredFile> storedFile(String trackId) {
        return jdbi.withHandle(h -> catalog.storedFile(h, trackId));
    }

    /** The stored audio of a track the account may stream: published, or a draft of its own artist. */
    public Optional<StoredFile> storedFileFor(String trackId, String accountId) {
        return jdbi.withHandle(h -> catalog.storedFileFor(h, trackId, accountId));
    }

    /** The account's artist profile. */
    public Optional<Artist> artistOfAccount(String accountId) {
        return jdbi.withHandle(h -> catalog.artistOfAccount(h, accountId));
    }
}
