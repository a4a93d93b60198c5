package dance.normal.server.catalog;

import dance.normal.protocol.Page;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.sync.Change;
import dance.normal.server.db.Database;
import dance.normal.server.feed.ChangeFeed;
import dance.normal.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Artists, releases and tracks. Every method works inside the caller's handle or transaction and never opens one
 * (decision 0033); {@link CatalogService} opens one per use case of the public catalog. Every write also updates the
 * search index and appends to the change feed in the same transaction, so search, feed and catalog never disagree.
 *
 * <p>A draft (a track with no {@code published_at}, decision 0039) is in neither: every read a listener makes goes
 * through {@link #PUBLISHED} or {@link #VISIBLE_RELEASE}, and only {@link #liveTrack} and the Studio see drafts.
 */
public final class CatalogRepository {

    public static final int MAX_PAGE = 100;

    private static final String TRACK_SELECT = "SELECT t.id, t.title, t.artist_id, a.name AS artist_name, "
            + "t.release_id, r.title AS release_title, t.track_number, t.genre, t.duration_ms, t.format, "
            + "t.mime_type, t.bitrate_kbps, t.size_bytes, t.sha256, t.loudness_lufs, t.peak_dbfs, r.artwork_sha256, "
            + "t.created_at FROM tracks t JOIN artists a ON a.id = t.artist_id JOIN releases r ON r.id = t.release_id ";

    /** SQL condition on tracks {@code t}: published (not a draft, not unpublished), deleted ones included. */
    public static final String RELEASED = "t.published_at IS NOT NULL";
    /** SQL condition on tracks {@code t}: in the catalog, published and not deleted. */
    public static final String PUBLISHED = "t.deleted_at IS NULL AND " + RELEASED;
    /** SQL condition on releases {@code r}: listeners see it, because at least one of its tracks is published. */
    public static final String VISIBLE_RELEASE = "EXISTS (SELECT 1 FROM tracks v WHERE v.release_id = r.id "
            + "AND v.deleted_at IS NULL AND v.published_at IS NOT NULL)";

    private final ChangeFeed feed;
    private final SearchIndex search;

    public CatalogRepository(Database db, ChangeFeed feed) {
        this.feed = feed;
        this.search = new SearchIndex(db.dialect());
    }

    /** Media URL of a content-addressed image, or null. */
    public static String mediaUrl(String sha256) {
        return sha256 == null ? null : "/api/v1/media/" + sha256;
    }

    // ---- artists

    public Artist createArtist(Handle h, String accountId, String name, String bio) {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        h.createUpdate("INSERT INTO artists (id, account_id, name, bio, created_at, updated_at) "
                        + "VALUES (:id, :account, :name, :bio, :now, :now)")
                .bind("id", id).bind("account", accountId).bind("name", name).bind("bio", bio == null ? "" : bio)
                .bind("now", now).execute();
        Artist artist = new Artist(id, name, bio == null ? "" : bio, null, null);
        feed.record(h, Change.Entity.ARTIST, id, Change.Op.UPSERT, artist);
        return artist;
    }

    public Artist updateArtist(Handle h, String id, String name, String bio, String pictureSha256) {
        Artist current = artistIn(h, id).orElseThrow(() -> ApiException.notFound("There is no such artist."));
        String newName = name != null ? name : current.name();
        String newBio = bio != null ? bio : current.bio();
        String picture = pictureSha256 != null ? pictureSha256 : shaOf(current.pictureUrl());
        h.createUpdate("UPDATE artists SET name = :name, bio = :bio, picture_sha256 = :pic, updated_at = :now "
                        + "WHERE id = :id")
                .bind("name", newName).bind("bio", newBio).bind("pic", picture)
                .bind("now", System.currentTimeMillis()).bind("id", id).execute();
        Artist updated = new Artist(id, newName, newBio, mediaUrl(picture), null);
        feed.record(h, Change.Entity.ARTIST, id, Change.Op.UPSERT, updated);
        if (!newName.equals(current.name())) {
            reindexArtistTracks(h, id);
        }
        return updated;
    }

    private static String shaOf(String mediaUrl) {
        return mediaUrl == null ? null : mediaUrl.substring(mediaUrl.lastIndexOf('/') + 1);
    }

    private void reindexArtistTracks(Handle h, String artistId) {
        for (Track t : h.createQuery(TRACK_SELECT + "WHERE t.artist_id = :a AND " + PUBLISHED)
                .bind("a", artistId).map(CatalogRepository::track).list()) {
            search.upsert(h, t.id(), t.title(), t.artistName(), t.releaseTitle(), t.genre());
            feed.record(h, Change.Entity.TRACK, t.id(), Change.Op.UPSERT, t);
        }
    }

    /** The account's artist profile, inside the caller's transaction. */
    /** Gives an artist without an account this account; false when it has one (or is not there). */
    public boolean linkArtistAccount(Handle h, String artistId, String accountId) {
        return h.createUpdate("UPDATE artists SET account_id = :a WHERE id = :id AND account_id IS NULL")
                .bind("a", accountId).bind("id", artistId).execute() == 1;
    }

    public Optional<Artist> artistOfAccount(Handle h, String accountId) {
        return h.createQuery("SELECT id, name, bio, picture_sha256 FROM artists WHERE account_id = :a")
                .bind("a", accountId).map(CatalogRepository::artist).findOne();
    }

    public Optional<Artist> artistByName(Handle h, String name) {
        return h.createQuery("SELECT id, name, bio, picture_sha256 FROM artists WHERE name = :n")
                .bind("n", name).map(CatalogRepository::artist).findFirst();
    }

    private Optional<Artist> artistIn(Handle h, String id) {
        return h.createQuery("SELECT id, name, bio, picture_sha256 FROM artists WHERE id = :id")
                .bind("id", id).map(CatalogRepository::artist).findOne();
    }

    /** An artist's page: profile and releases, newest first. */
    public Optional<Artist> artistPage(Handle h, String id) {
        return artistIn(h, id).map(a -> new Artist(a.id(), a.name(), a.bio(), a.pictureUrl(),
                h.createQuery("SELECT r.id, r.title, r.artist_id, a.name, r.release_year, r.artwork_sha256 "
                                + "FROM releases r JOIN artists a ON a.id = r.artist_id WHERE r.artist_id = :id "
                                + "AND " + VISIBLE_RELEASE + " ORDER BY r.release_year DESC, r.created_at DESC")
                        .bind("id", id).map(CatalogRepository::release).list()));
    }

    // ---- releases

    /**
     * The artist's release with this title, made (with artwork) if it does not exist yet. A release enters the change
     * feed only once listeners can see it (with its first published track, see {@link #insertTrack}).
     */
    public Release findOrCreateRelease(Handle h, String artistId, String title, Integer year, String artworkSha256) {
        Optional<Release> existing = h.createQuery("SELECT r.id, r.title, r.artist_id, a.name, r.release_year, "
                        + "r.artwork_sha256 FROM releases r JOIN artists a ON a.id = r.artist_id "
                        + "WHERE r.artist_id = :a AND r.title = :t")
                .bind("a", artistId).bind("t", title).map(CatalogRepository::release).findOne();
        if (existing.isPresent()) {
            Release r = existing.get();
            if (artworkSha256 != null && r.artworkUrl() == null) {
                h.createUpdate("UPDATE releases SET artwork_sha256 = :art, updated_at = :now WHERE id = :id")
                        .bind("art", artworkSha256).bind("now", System.currentTimeMillis()).bind("id", r.id())
                        .execute();
                Release updated = new Release(r.id(), r.title(), r.artistId(), r.artistName(), r.year(),
                        mediaUrl(artworkSha256), null);
                if (releaseVisible(h, r.id())) {
                    feed.record(h, Change.Entity.RELEASE, r.id(), Change.Op.UPSERT, updated);
                }
                return updated;
            }
            return r;
        }
        String artistName = h.createQuery("SELECT name FROM artists WHERE id = :a").bind("a", artistId)
                .mapTo(String.class).one();
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        h.createUpdate("INSERT INTO releases (id, artist_id, title, release_year, artwork_sha256, created_at, "
                        + "updated_at) VALUES (:id, :a, :t, :y, :art, :now, :now)")
                .bind("id", id).bind("a", artistId).bind("t", title).bind("y", year).bind("art", artworkSha256)
                .bind("now", now).execute();
        return new Release(id, title, artistId, artistName, year, mediaUrl(artworkSha256), null);
    }

    /** Whether listeners see the release: at least one of its tracks is published. */
    public boolean releaseVisible(Handle h, String releaseId) {
        return h.createQuery("SELECT COUNT(*) FROM releases r WHERE r.id = :id AND " + VISIBLE_RELEASE)
                .bind("id", releaseId).mapTo(Integer.class).one() > 0;
    }

    /** A release without its tracks, whether listeners see it or not. */
    public Optional<Release> releaseRow(Handle h, String id) {
        return h.createQuery("SELECT r.id, r.title, r.artist_id, a.name, r.release_year, "
                        + "r.artwork_sha256 FROM releases r JOIN artists a ON a.id = r.artist_id WHERE r.id = :id")
                .bind("id", id).map(CatalogRepository::release).findOne();
    }

    /** A release's page with its published tracks in order; empty while none of them is published. */
    public Optional<Release> releasePage(Handle h, String id) {
        return h.createQuery("SELECT r.id, r.title, r.artist_id, a.name, r.release_year, r.artwork_sha256 "
                        + "FROM releases r JOIN artists a ON a.id = r.artist_id WHERE r.id = :id AND "
                        + VISIBLE_RELEASE)
                .bind("id", id).map(CatalogRepository::release).findOne()
                .map(r -> new Release(r.id(), r.title(), r.artistId(), r.artistName(), r.year(), r.artworkUrl(),
                        h.createQuery(TRACK_SELECT + "WHERE t.release_id = :id AND " + PUBLISHED
                                        + " ORDER BY t.track_number, t.title, t.id")
                                .bind("id", id).map(CatalogRepository::track).list()));
    }

    // ---- tracks

    /**
     * Adds a track. A published one enters search and the change feed (after its release, when that was not visible
     * yet); a draft enters neither, and its upload id, when it has one, is unique.
     */
    public Track insertTrack(Handle h, NewTrack t) {
        Release release = findOrCreateRelease(h, t.artistId(), t.releaseTitle(), t.releaseYear(), t.artworkSha256());
        boolean releaseWasVisible = releaseVisible(h, release.id());
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        h.createUpdate("INSERT INTO tracks (id, artist_id, release_id, title, track_number, genre, duration_ms, "
                        + "format, mime_type, bitrate_kbps, size_bytes, sha256, loudness_lufs, peak_dbfs, created_at, "
                        + "updated_at, published_at, upload_id) VALUES (:id, :artist, :release, :title, :no, :genre, "
                        + ":dur, :format, :mime, :kbps, :size, :sha, :lufs, :peak, :now, :now, :published, :upload)")
                .bind("id", id).bind("artist", t.artistId()).bind("release", release.id())
                .bind("title", t.title()).bind("no", t.trackNumber()).bind("genre", t.genre())
                .bind("dur", t.durationMs()).bind("format", t.format()).bind("mime", t.mimeType())
                .bind("kbps", t.bitrateKbps()).bind("size", t.sizeBytes()).bind("sha", t.sha256())
                .bind("lufs", t.loudnessLufs()).bind("peak", t.peakDbfs()).bind("now", now)
                .bind("published", t.draft() ? null : now).bind("upload", t.uploadId())
                .execute();
        Track track = liveTrack(h, id).orElseThrow();
        if (!t.draft()) {
            if (!releaseWasVisible) {
                recordRelease(h, release.id());
            }
            search.upsert(h, id, track.title(), track.artistName(), track.releaseTitle(), track.genre());
            feed.record(h, Change.Entity.TRACK, id, Change.Op.UPSERT, track);
        }
        return track;
    }

    /** Appends the release as it is now to the change feed (a snapshot without tracks, as mirrors keep it). */
    public void recordRelease(Handle h, String releaseId) {
        feed.record(h, Change.Entity.RELEASE, releaseId, Change.Op.UPSERT, releaseRow(h, releaseId).orElseThrow());
    }

    /** Adds a published live track to search and the change feed (it was a draft, or it changed). */
    public void announceTrack(Handle h, String trackId) {
        Track track = liveTrack(h, trackId).orElseThrow();
        search.upsert(h, trackId, track.title(), track.artistName(), track.releaseTitle(), track.genre());
        feed.record(h, Change.Entity.TRACK, trackId, Change.Op.UPSERT, track);
    }

    /** Tells mirrors to drop a release that listeners no longer see (its last published track left it). */
    public void withdrawRelease(Handle h, String releaseId) {
        feed.record(h, Change.Entity.RELEASE, releaseId, Change.Op.DELETE, null);
    }

    /** Takes a track out of search and tells mirrors to drop it (it was unpublished or deleted). */
    public void withdrawTrack(Handle h, String trackId) {
        search.delete(h, trackId);
        feed.record(h, Change.Entity.TRACK, trackId, Change.Op.DELETE, null);
    }

    /**
     * Whether a stored file is an artist's picture or the artwork of a release listeners see (audio is reached by
     * stream URLs only), or, when {@code viewerAccountId} is not null, the artwork of a release of that account's
     * artist (the Studio shows the cover of a release still in drafts).
     */
    public boolean isImage(Handle h, String sha256, String viewerAccountId) {
        return h.createQuery("SELECT (SELECT COUNT(*) FROM releases r WHERE r.artwork_sha256 = :s AND ("
                        + VISIBLE_RELEASE + " OR r.artist_id IN (SELECT id FROM artists WHERE account_id = :viewer))) "
                        + "+ (SELECT COUNT(*) FROM artists WHERE picture_sha256 = :s)")
                .bind("s", sha256).bind("viewer", viewerAccountId).mapTo(Integer.class).one() > 0;
    }

    /** Removes a track from the catalog (its plays stay, so it is marked deleted rather than erased). */
    public void deleteTrack(Handle h, String id) {
        boolean published = h.createQuery("SELECT COUNT(*) FROM tracks t WHERE t.id = :id AND " + PUBLISHED)
                .bind("id", id).mapTo(Integer.class).one() > 0;
        int n = h.createUpdate("UPDATE tracks SET deleted_at = :now, updated_at = :now WHERE id = :id "
                        + "AND deleted_at IS NULL")
                .bind("now", System.currentTimeMillis()).bind("id", id).execute();
        if (n == 1 && published) {
            withdrawTrack(h, id);
        }
    }

    /** A track, deleted or not (plays of a deleted track are still paid), inside the caller's transaction. */
    public Optional<Track> trackEvenIfDeleted(Handle h, String id) {
        return h.createQuery(TRACK_SELECT + "WHERE t.id = :id").bind("id", id).map(CatalogRepository::track)
                .findOne();
    }

    /** A track of the catalog (published, not deleted), inside the caller's transaction. */
    public Optional<Track> findTrack(Handle h, String id) {
        return h.createQuery(TRACK_SELECT + "WHERE t.id = :id AND " + PUBLISHED)
                .bind("id", id).map(CatalogRepository::track).findOne();
    }

    /** A track not deleted, published or a draft: for its artist's Studio and for rules that judge drafts. */
    public Optional<Track> liveTrack(Handle h, String id) {
        return h.createQuery(TRACK_SELECT + "WHERE t.id = :id AND t.deleted_at IS NULL")
                .bind("id", id).map(CatalogRepository::track).findOne();
    }

    /** Whether a live track is published (false for a draft and for no such track). */
    public boolean isPublished(Handle h, String id) {
        return h.createQuery("SELECT COUNT(*) FROM tracks t WHERE t.id = :id AND " + PUBLISHED)
                .bind("id", id).mapTo(Integer.class).one() > 0;
    }

    /** The stored audio of a live track, published or a draft (its artist removes either). */
    public Optional<StoredFile> storedFile(Handle h, String trackId) {
        return storedFileFor(h, trackId, null, true);
    }

    /**
     * The stored audio of a live track that {@code accountId} may stream: a published one, or a draft of that
     * account's artist (the Studio's preview).
     */
    public Optional<StoredFile> storedFileFor(Handle h, String trackId, String accountId) {
        return storedFileFor(h, trackId, accountId, false);
    }

    private Optional<StoredFile> storedFileFor(Handle h, String trackId, String accountId, boolean anyone) {
        var q = h.createQuery("SELECT t.id, t.artist_id, t.sha256, t.mime_type, t.size_bytes FROM tracks t "
                + "JOIN artists a ON a.id = t.artist_id WHERE t.id = :id AND t.deleted_at IS NULL "
                + (anyone ? "" : "AND (t.published_at IS NOT NULL OR a.account_id = :viewer)"))
                .bind("id", trackId);
        if (!anyone) {
            q.bind("viewer", accountId);
        }
        return q.map((rs, ctx) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getLong(5))).findOne();
    }

    /**
     * A page of tracks, newest first, or of the matches of {@code query} best first ({@code n} at most). The cursor
     * is opaque to clients: a keyset position for the listing, an offset into the ranking for a search.
     */
    public Page<Track> tracks(Handle h, String query, String cursor, int n) {
        if (query != null && !query.isBlank()) {
            List<String> terms = SearchIndex.terms(query);
            int offset = cursor == null || cursor.isEmpty() ? 0 : decodeOffset(cursor);
            List<String> ids = search.search(h, terms, offset, n + 1);
            boolean more = ids.size() > n;
            List<String> page = ids.subList(0, Math.min(n, ids.size()));
            List<Track> tracks = tracksByIds(h, page);
            return new Page<>(tracks, more ? encode("o:" + (offset + n)) : null);
        }
        long[] position = cursor == null || cursor.isEmpty() ? null : decodeKeyset(cursor);
        var q = h.createQuery(TRACK_SELECT + "WHERE " + PUBLISHED + " "
                + (position == null ? "" : "AND (t.created_at < :c OR (t.created_at = :c AND t.id < :id)) ")
                + "ORDER BY t.created_at DESC, t.id DESC LIMIT :n");
        if (position != null) {
            q.bind("c", position[0]).bind("id", keysetId(cursor));
        }
        record Row(Track track, long createdAt) {
        }
        List<Row> rows = q.bind("n", n + 1)
                .map((rs, ctx) -> new Row(track(rs, ctx), rs.getLong("created_at")))
                .list();
        boolean more = rows.size() > n;
        List<Row> page = rows.subList(0, Math.min(n, rows.size()));
        String next = more ? encode("k:" + page.getLast().createdAt() + ":" + page.getLast().track().id()) : null;
        return new Page<>(page.stream().map(Row::track).toList(), next);
    }

    private List<Track> tracksByIds(Handle h, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Track> found = h.createQuery(TRACK_SELECT + "WHERE " + PUBLISHED + " AND t.id IN (<ids>)")
                .bindList("ids", ids).map(CatalogRepository::track).list();
        return ids.stream().flatMap(id -> found.stream().filter(t -> t.id().equals(id))).toList();
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
    }

    private static int decodeOffset(String cursor) {
        String raw = decode(cursor);
        try {
            if (raw.startsWith("o:")) {
                int offset = Integer.parseInt(raw.substring(2));
                if (offset >= 0 && offset <= 100_000) {
                    return offset;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw badCursor();
    }

    private static long[] decodeKeyset(String cursor) {
        String[] parts = decode(cursor).split(":", 3);
        try {
            if (parts.length == 3 && parts[0].equals("k")) {
                UUID.fromString(parts[2]);
                return new long[] {Long.parseLong(parts[1])};
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw badCursor();
    }

    private static String keysetId(String cursor) {
        return decode(cursor).split(":", 3)[2];
    }

    private static ApiException badCursor() {
        return ApiException.badRequest("The cursor is not one this server gave out; start again without it.");
    }

    // ---- row mappers

    static Artist artist(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Artist(rs.getString(1), rs.getString(2), rs.getString(3), mediaUrl(rs.getString(4)), null);
    }

    static Release release(ResultSet rs, StatementContext ctx) throws SQLException {
        int year = rs.getInt(5);
        return new Release(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.wasNull() ? null : year, mediaUrl(rs.getString(6)), null);
    }

    static Track track(ResultSet rs, StatementContext ctx) throws SQLException {
        int no = rs.getInt("track_number");
        Integer trackNumber = rs.wasNull() ? null : no;
        double lufs = rs.getDouble("loudness_lufs");
        Double loudness = rs.wasNull() ? null : lufs;
        double dbfs = rs.getDouble("peak_dbfs");
        Double peak = rs.wasNull() ? null : dbfs;
        return new Track(rs.getString("id"), rs.getString("title"), rs.getString("artist_id"),
                rs.getString("artist_name"), rs.getString("release_id"), rs.getString("release_title"),
                trackNumber, rs.getString("genre"), rs.getLong("duration_ms"), rs.getString("format"),
                rs.getString("mime_type"), rs.getInt("bitrate_kbps"), rs.getLong("size_bytes"),
                rs.getString("sha256"), loudness, peak, mediaUrl(rs.getString("artwork_sha256")));
    }
}
