package dance.normal.sync.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Release;
import dance.normal.protocol.catalog.Track;
import dance.normal.protocol.sync.Change;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.store.LocalStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The local copy of the catalog: changes from the server's feed applied in order, and reads that need no network,
 * full-text search included.
 */
public final class CatalogMirror {

    /** The most results a search returns. */
    public static final int MAX_RESULTS = 200;

    /** How many matches are ranked at most: a one-letter prefix matches most of a large catalog. */
    public static final int RANKED_MATCHES = 4_000;

    /**
     * The search statement (parameters: the match expression, the limit). Ranking (bm25, titles weighing most) runs
     * over the first {@value #RANKED_MATCHES} matches only, so a one- or two-letter prefix costs a bounded time;
     * such broad results are refined as the listener types on.
     */
    public static final String SEARCH_SQL = "WITH hits AS (SELECT rowid AS id, bm25(tracks_fts, 10.0, 5.0, 3.0, 1.0) "
            + "AS score FROM tracks_fts WHERE tracks_fts MATCH ? LIMIT " + RANKED_MATCHES + ") "
            + "SELECT t.json FROM hits JOIN tracks t ON t.rowid = hits.id ORDER BY hits.score LIMIT ?";

    private static final String BULK_KEY = "catalog.bulk-triggers";

    private final LocalStore store;
    private final ObjectMapper json = ApiClient.mapper();

    public CatalogMirror(LocalStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Applies changes in the caller's transaction, in the order given (the feed's commit order). */
    void apply(Connection c, List<Change> changes) throws SQLException {
        try (PreparedStatement artist = c.prepareStatement(
                "INSERT INTO artists (id, name, json) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                        + "name = excluded.name, json = excluded.json");
             PreparedStatement release = c.prepareStatement(
                     "INSERT INTO releases (id, artist_id, title, json) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                             + "SET artist_id = excluded.artist_id, title = excluded.title, json = excluded.json");
             PreparedStatement track = c.prepareStatement(
                     "INSERT INTO tracks (id, title, artist_id, artist_name, release_id, release_title, genre, "
                             + "duration_ms, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             + "title = excluded.title, artist_id = excluded.artist_id, "
                             + "artist_name = excluded.artist_name, release_id = excluded.release_id, "
                             + "release_title = excluded.release_title, genre = excluded.genre, "
                             + "duration_ms = excluded.duration_ms, json = excluded.json")) {
            for (Change change : changes) {
                if (change.op() == Change.Op.DELETE) {
                    delete(c, change);
                    continue;
                }
                switch (change.entity()) {
                    case ARTIST -> {
                        artist.setString(1, change.id());
                        artist.setString(2, change.artist().name());
                        artist.setString(3, toJson(change.artist()));
                        artist.executeUpdate();
                    }
                    case RELEASE -> {
                        release.setString(1, change.id());
                        release.setString(2, change.release().artistId());
                        release.setString(3, change.release().title());
                        release.setString(4, toJson(change.release()));
                        release.executeUpdate();
                    }
                    case TRACK -> {
                        Track t = change.track();
                        track.setString(1, change.id());
                        track.setString(2, t.title());
                        track.setString(3, t.artistId());
                        track.setString(4, t.artistName());
                        track.setString(5, t.releaseId());
                        track.setString(6, t.releaseTitle());
                        track.setString(7, t.genre());
                        track.setLong(8, t.durationMs());
                        track.setString(9, toJson(t));
                        track.executeUpdate();
                    }
                    default -> throw new IllegalArgumentException("Unknown entity " + change.entity());
                }
            }
        }
    }

    /**
     * Before filling an empty mirror: the triggers that keep the search index in step are set aside (their SQL
     * kept in the sync state, in this transaction), so rows go in without indexing each one.
     *
     * @return whether bulk mode began (false when the mirror already has tracks)
     */
    boolean beginBulk(Connection c) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM tracks)");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
                return false;
            }
        }
        List<String> triggers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'tracks'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
                triggers.add(rs.getString(2));
            }
        }
        LocalStore.setState(c, BULK_KEY, toJson(triggers));
        for (String name : names) {
            try (PreparedStatement drop = c.prepareStatement("DROP TRIGGER \"" + name + "\"")) {
                drop.execute();
            }
        }
        return true;
    }

    /** Whether a bulk fill began and has not ended (the app stopped in the middle of a first sync). */
    boolean inBulk(Connection c) throws SQLException {
        return LocalStore.state(c, BULK_KEY).isPresent();
    }

    /** After a bulk fill: the search index is rebuilt from the rows and its triggers come back. */
    void endBulk(Connection c) throws SQLException {
        Optional<String> saved = LocalStore.state(c, BULK_KEY);
        if (saved.isEmpty()) {
            return;
        }
        try (PreparedStatement rebuild = c.prepareStatement(
                "INSERT INTO tracks_fts (tracks_fts) VALUES ('rebuild')")) {
            rebuild.execute();
        }
        List<String> triggers;
        try {
            triggers = json.readValue(saved.get(), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("The saved search triggers cannot be read", e);
        }
        for (String sql : triggers) {
            try (PreparedStatement create = c.prepareStatement(sql)) {
                create.execute();
            }
        }
        try (PreparedStatement done = c.prepareStatement("DELETE FROM sync_state WHERE key = ?")) {
            done.setString(1, BULK_KEY);
            done.executeUpdate();
        }
    }

    private static void delete(Connection c, Change change) throws SQLException {
        String table = switch (change.entity()) {
            case ARTIST -> "artists";
            case RELEASE -> "releases";
            case TRACK -> "tracks";
        };
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setString(1, change.id());
            ps.executeUpdate();
        }
    }

    public Optional<Track> track(String id) {
        return rows("SELECT json FROM tracks WHERE id = ?", Track.class, id).stream().findFirst();
    }

    /** The tracks of a release, in the order the feed delivered them. */
    public List<Track> tracksOfRelease(String releaseId) {
        return rows("SELECT json FROM tracks WHERE release_id = ? ORDER BY rowid", Track.class, releaseId);
    }

    /** An artist's tracks, release by release, newest release first. */
    public List<Track> tracksOfArtist(String artistId) {
        return rows("SELECT t.json FROM tracks t LEFT JOIN releases r ON r.id = t.release_id WHERE t.artist_id = ? "
                + "ORDER BY r.rowid DESC, t.rowid", Track.class, artistId);
    }

    /** The liked tracks (the store's likes) that the mirror knows, the latest like first: one query for them all. */
    public List<Track> liked() {
        return rows("SELECT t.json FROM likes l JOIN tracks t ON t.id = l.track_id "
                + "ORDER BY l.liked_at DESC, l.track_id", Track.class);
    }

    /** Releases, the newest in the feed first (what Home shows as new releases). */
    public List<Release> newReleases(int limit) {
        return rows("SELECT json FROM releases ORDER BY rowid DESC LIMIT ?", Release.class, Math.clamp(limit, 1,
                MAX_RESULTS));
    }

    public Optional<Release> release(String id) {
        return rows("SELECT json FROM releases WHERE id = ?", Release.class, id).stream().findFirst();
    }

    /** An artist's releases, newest first. */
    public List<Release> releasesOfArtist(String artistId) {
        return rows("SELECT json FROM releases WHERE artist_id = ? ORDER BY rowid DESC", Release.class, artistId);
    }

    public Optional<Artist> artist(String id) {
        return rows("SELECT json FROM artists WHERE id = ?", Artist.class, id).stream().findFirst();
    }

    /** The stored JSON of each row {@code sql} selects, read as {@code type}. */
    private <T> List<T> rows(String sql, Class<T> type, Object... params) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                List<T> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs.getString(1), type));
                    }
                }
                return found;
            }
        });
    }

    public int trackCount() {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tracks");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Searches titles, artists, releases and genres as the listener types: every word must match the start of a
     * word, best matches first (titles weigh most).
     *
     * @param text  what was typed
     * @param limit at most this many, up to {@value #MAX_RESULTS}
     * @return matching tracks; empty for blank text
     */
    public List<Track> search(String text, int limit) {
        String match = matchExpression(text);
        if (match.isEmpty()) {
            return List.of();
        }
        int n = Math.clamp(limit, 1, MAX_RESULTS);
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SEARCH_SQL)) {
                ps.setString(1, match);
                ps.setInt(2, n);
                List<Track> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs.getString(1), Track.class));
                    }
                }
                return found;
            }
        });
    }

    /**
     * The FTS5 query for what was typed: each word as a quoted prefix term, so quotes, stars and operators typed by
     * the listener are only text.
     */
    public static String matchExpression(String text) {
        if (text == null) {
            return "";
        }
        List<String> terms = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                terms.add("\"" + word + "\"*");
            }
        }
        return String.join(" ", terms);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored " + type.getSimpleName() + " cannot be read", e);
        }
    }
}
