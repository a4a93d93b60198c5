package dance.normal.server.studio;

import dance.normal.protocol.studio.StudioRelease;
import dance.normal.protocol.studio.StudioTrack;
import dance.normal.protocol.studio.TrackStatus;
import dance.normal.server.catalog.CatalogRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * An artist's own tracks and releases as the Studio sees them, drafts included (decision 0039). Every read and write
 * names the artist, so no query can reach another artist's rows; each works inside the caller's transaction. What
 * listeners see (search, the change feed) is kept in step by {@link CatalogFollow}, not here.
 */
final class StudioRepository {

    private static final String TRACK_SELECT = "SELECT t.id, t.upload_id, t.published_at, t.title, t.release_id, "
            + "r.title AS release_title, t.track_number, t.genre, COALESCE(t.track_year, r.release_year) AS year, "
            + "t.duration_ms, t.format, r.artwork_sha256, t.created_at, "
            // the artist's preview start, else the quality report's suggestion (decision 0040), else none yet
            + "COALESCE(t.preview_start_ms, (SELECT q.suggested_preview_start_ms FROM quality_reports q "
            + "WHERE q.track_id = t.id)) AS preview_start_ms, "
            + "(SELECT COUNT(*) FROM offerings o WHERE o.track_id = t.id) AS offerings "
            + "FROM tracks t JOIN releases r ON r.id = t.release_id "
            + "WHERE t.artist_id = :artist AND t.deleted_at IS NULL ";

    /** One of the artist's live tracks, published or a draft. */
    Optional<StudioTrack> track(Handle h, String artistId, String trackId) {
        return h.createQuery(TRACK_SELECT + "AND t.id = :id").bind("artist", artistId).bind("id", trackId)
                .map(StudioRepository::studioTrack).findOne();
    }

    /** The artist's live tracks, newest first. */
    List<StudioTrack> tracks(Handle h, String artistId) {
        return h.createQuery(TRACK_SELECT + "ORDER BY t.created_at DESC, t.id DESC").bind("artist", artistId)
                .map(StudioRepository::studioTrack).list();
    }

    /** What a track edit changes; every field is already validated and none is null. */
    record TrackFields(String title, String releaseId, Integer trackNumber, String genre, Integer year,
                       Long previewStartMs) {
    }

    void updateTrack(Handle h, String trackId, TrackFields f, long now) {
        h.createUpdate("UPDATE tracks SET title = :title, release_id = :release, track_number = :no, genre = :genre, "
                        + "track_year = :year, preview_start_ms = :preview, updated_at = :now WHERE id = :id")
                .bind("title", f.title()).bind("release", f.releaseId()).bind("no", f.trackNumber())
                .bind("genre", f.genre()).bind("year", f.year()).bind("preview", f.previewStartMs())
                .bind("now", now).bind("id", trackId).execute();
    }

    /** The track's own year as stored (null: its release's). */
    Optional<Integer> ownYear(Handle h, String trackId) {
        return h.createQuery("SELECT track_year FROM tracks WHERE id = :id").bind("id", trackId)
                .mapTo(Integer.class).findOne();
    }

    /** The track's preview start as the artist set it (null: the suggestion). */
    Optional<Long> ownPreviewStart(Handle h, String trackId) {
        return h.createQuery("SELECT preview_start_ms FROM tracks WHERE id = :id").bind("id", trackId)
                .mapTo(Long.class).findOne();
    }

    /** Publishes ({@code at} a time) or unpublishes ({@code at} null) one live track. */
    void setPublished(Handle h, String trackId, Long at, long now) {
        h.createUpdate("UPDATE tracks SET published_at = :at, updated_at = :now WHERE id = :id "
                        + "AND deleted_at IS NULL")
                .bind("at", at).bind("now", now).bind("id", trackId).execute();
    }

    /** How many of these tracks have a token offering (a track with holders stays in the catalog). */
    int withOffering(Handle h, List<String> trackIds) {
        if (trackIds.isEmpty()) {
            return 0;
        }
        return h.createQuery("SELECT COUNT(*) FROM offerings WHERE track_id IN (<ids>)").bindList("ids", trackIds)
                .mapTo(Integer.class).one();
    }

    /** How many of {@code trackIds} have no quality report yet (their measurement is pending, decision 0038). */
    int beingChecked(Handle h, List<String> trackIds) {
        if (trackIds.isEmpty()) {
            return 0;
        }
        return h.createQuery("SELECT COUNT(*) FROM tracks t WHERE t.id IN (<ids>) AND NOT EXISTS "
                        + "(SELECT 1 FROM quality_reports q WHERE q.track_id = t.id)").bindList("ids", trackIds)
                .mapTo(Integer.class).one();
    }

    // ---- releases

    private static final String RELEASE_SELECT = "SELECT r.id, r.title, r.release_year, r.artwork_sha256 "
            + "FROM releases r WHERE r.artist_id = :artist ";

    private record ReleaseRow(String id, String title, Integer year, String artworkSha256) {
    }

    /** One of the artist's releases with its live tracks in order. */
    Optional<StudioRelease> release(Handle h, String artistId, String releaseId) {
        return h.createQuery(RELEASE_SELECT + "AND r.id = :id").bind("artist", artistId).bind("id", releaseId)
                .map(StudioRepository::releaseRow).findOne()
                .map(r -> withTracks(r, releaseTracks(h, List.of(r.id())).getOrDefault(r.id(), List.of())));
    }

    /** The artist's releases, newest first, each with its live tracks in order. */
    List<StudioRelease> releases(Handle h, String artistId) {
        List<ReleaseRow> rows = h.createQuery(RELEASE_SELECT + "ORDER BY r.created_at DESC, r.id DESC")
                .bind("artist", artistId).map(StudioRepository::releaseRow).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<TrackRef>> tracks = releaseTracks(h, rows.stream().map(ReleaseRow::id).toList());
        return rows.stream().map(r -> withTracks(r, tracks.getOrDefault(r.id(), List.of()))).toList();
    }

    /** A live track of a release, in order, and whether it is published. */
    record TrackRef(String id, boolean published) {
    }

    /** The live tracks of each release, by track number (then title and id, as listeners see them). */
    Map<String, List<TrackRef>> releaseTracks(Handle h, List<String> releaseIds) {
        Map<String, List<TrackRef>> byRelease = new LinkedHashMap<>();
        h.createQuery("SELECT release_id, id, published_at FROM tracks WHERE release_id IN (<ids>) "
                        + "AND deleted_at IS NULL ORDER BY track_number, title, id")
                .bindList("ids", releaseIds)
                .map((rs, ctx) -> {
                    rs.getLong(3);
                    boolean published = !rs.wasNull();
                    byRelease.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new TrackRef(rs.getString(2), published));
                    return 0;
                })
                .list();
        return byRelease;
    }

    /** The artist's release with this title, if any. */
    Optional<String> releaseIdByTitle(Handle h, String artistId, String title) {
        return h.createQuery("SELECT id FROM releases WHERE artist_id = :artist AND title = :title")
                .bind("artist", artistId).bind("title", title).mapTo(String.class).findOne();
    }

    String createRelease(Handle h, String artistId, String title, Integer year, long now) {
        String id = UUID.randomUUID().toString();
        h.createUpdate("INSERT INTO releases (id, artist_id, title, release_year, created_at, updated_at) "
                        + "VALUES (:id, :artist, :title, :year, :now, :now)")
                .bind("id", id).bind("artist", artistId).bind("title", title).bind("year", year).bind("now", now)
                .execute();
        return id;
    }

    void updateRelease(Handle h, String releaseId, String title, Integer year, long now) {
        h.createUpdate("UPDATE releases SET title = :title, release_year = :year, updated_at = :now WHERE id = :id")
                .bind("title", title).bind("year", year).bind("now", now).bind("id", releaseId).execute();
    }

    void setCover(Handle h, String releaseId, String sha256, long now) {
        h.createUpdate("UPDATE releases SET artwork_sha256 = :sha, updated_at = :now WHERE id = :id")
                .bind("sha", sha256).bind("now", now).bind("id", releaseId).execute();
    }

    /** Puts a track on a release at a position (1, 2, ...). */
    void placeTrack(Handle h, String trackId, String releaseId, int number, long now) {
        h.createUpdate("UPDATE tracks SET release_id = :release, track_number = :no, updated_at = :now "
                        + "WHERE id = :id")
                .bind("release", releaseId).bind("no", number).bind("now", now).bind("id", trackId).execute();
    }

    /** The release a live track of the artist is on. */
    Optional<String> releaseOf(Handle h, String artistId, String trackId) {
        return h.createQuery("SELECT release_id FROM tracks WHERE id = :id AND artist_id = :artist "
                        + "AND deleted_at IS NULL")
                .bind("id", trackId).bind("artist", artistId).mapTo(String.class).findOne();
    }

    // ---- row mappers

    private static ReleaseRow releaseRow(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        int year = rs.getInt(3);
        return new ReleaseRow(rs.getString(1), rs.getString(2), rs.wasNull() ? null : year, rs.getString(4));
    }

    private static StudioRelease withTracks(ReleaseRow r, List<TrackRef> tracks) {
        return new StudioRelease(r.id(), r.title(), r.year(), CatalogRepository.mediaUrl(r.artworkSha256()),
                tracks.stream().map(TrackRef::id).toList(), (int) tracks.stream().filter(TrackRef::published).count());
    }

    private static StudioTrack studioTrack(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        long publishedAt = rs.getLong("published_at");
        Instant published = rs.wasNull() ? null : Instant.ofEpochMilli(publishedAt);
        int no = rs.getInt("track_number");
        Integer trackNumber = rs.wasNull() ? null : no;
        int y = rs.getInt("year");
        Integer year = rs.wasNull() ? null : y;
        long preview = rs.getLong("preview_start_ms");
        // Before the quality report has measured the track, a preview the artist did not place starts at 0.
        long previewStart = rs.wasNull() ? 0 : preview;
        return new StudioTrack(rs.getString("id"), rs.getString("upload_id"),
                published == null ? TrackStatus.DRAFT : TrackStatus.PUBLISHED, rs.getString("title"),
                rs.getString("release_id"), rs.getString("release_title"), trackNumber, rs.getString("genre"), year,
                rs.getLong("duration_ms"), rs.getString("format"),
                CatalogRepository.mediaUrl(rs.getString("artwork_sha256")), previewStart,
                rs.getLong("offerings") > 0, Instant.ofEpochMilli(rs.getLong("created_at")), published);
    }
}
