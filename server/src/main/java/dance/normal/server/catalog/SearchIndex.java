package dance.normal.server.catalog;

import dance.normal.server.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Full-text search over tracks with prefix matching and ranking: SQLite FTS5 (bm25) or PostgreSQL full text
 * (ts_rank). The query is reduced to its words, so operators and quotes a user types are never interpreted.
 */
final class SearchIndex {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_TERMS = 8;

    private final Dialect dialect;

    SearchIndex(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The words of a query, lower-cased, at most {@value #MAX_TERMS}; empty when there is nothing to search. */
    static List<String> terms(String query) {
        List<String> terms = new ArrayList<>();
        Matcher m = WORD.matcher(query.toLowerCase(Locale.ROOT));
        while (m.find() && terms.size() < MAX_TERMS) {
            terms.add(m.group());
        }
        return terms;
    }

    void upsert(Handle h, String trackId, String title, String artist, String release, String genre) {
        if (dialect == Dialect.SQLITE) {
            delete(h, trackId);
            h.createUpdate("INSERT INTO track_search_ids (track_id) VALUES (:id)").bind("id", trackId).execute();
            long rowid = h.createQuery("SELECT rowid FROM track_search_ids WHERE track_id = :id")
                    .bind("id", trackId).mapTo(Long.class).one();
            h.createUpdate("INSERT INTO track_search (rowid, title, artist, release_title, genre) "
                            + "VALUES (:rowid, :title, :artist, :release, :genre)")
                    .bind("rowid", rowid).bind("title", title).bind("artist", artist)
                    .bind("release", release).bind("genre", genre == null ? "" : genre)
                    .execute();
        } else {
            h.createUpdate("INSERT INTO track_search (track_id, doc) VALUES (:id, "
                            + "setweight(to_tsvector('simple', :title), 'A') || "
                            + "setweight(to_tsvector('simple', :artist), 'B') || "
                            + "setweight(to_tsvector('simple', :release), 'C') || "
                            + "setweight(to_tsvector('simple', :genre), 'D')) "
                            + "ON CONFLICT (track_id) DO UPDATE SET doc = excluded.doc")
                    .bind("id", trackId).bind("title", title).bind("artist", artist)
                    .bind("release", release).bind("genre", genre == null ? "" : genre)
                    .execute();
        }
    }

    void delete(Handle h, String trackId) {
        if (dialect == Dialect.SQLITE) {
            h.createQuery("SELECT rowid FROM track_search_ids WHERE track_id = :id")
                    .bind("id", trackId).mapTo(Long.class).findOne()
                    .ifPresent(rowid -> {
                        h.execute("DELETE FROM track_search WHERE rowid = ?", rowid);
                        h.execute("DELETE FROM track_search_ids WHERE rowid = ?", rowid);
                    });
        } else {
            h.execute("DELETE FROM track_search WHERE track_id = ?", trackId);
        }
    }

    /** Ids of matching tracks, best first; every term must match the beginning of a word (prefix matching). */
    List<String> search(Handle h, List<String> terms, int offset, int limit) {
        if (terms.isEmpty()) {
            return List.of();
        }
        if (dialect == Dialect.SQLITE) {
            StringBuilder match = new StringBuilder();
            for (String term : terms) {
                match.append('"').append(term).append("\"* ");
            }
            // Rank and cut the page inside FTS5, then map only the page's rowids to track ids: joining every match
            // before the sort made a search ~40% slower on a 100k-track catalog (docs/BENCHMARKS.md). Ties go by
            // FTS rowid, which is unique, so pages stay stable.
            return h.createQuery("SELECT i.track_id FROM (SELECT rowid AS r, "
                            + "bm25(track_search, 10.0, 5.0, 3.0, 1.0) AS score FROM track_search "
                            + "WHERE track_search MATCH :match ORDER BY score, rowid LIMIT :limit OFFSET :offset) s "
                            + "JOIN track_search_ids i ON i.rowid = s.r ORDER BY s.score, s.r")
                    .bind("match", match.toString().trim())
                    .bind("limit", limit).bind("offset", offset)
                    .mapTo(String.class).list();
        }
        String tsquery = String.join(" & ", terms.stream().map(t -> t + ":*").toList());
        return h.createQuery("SELECT track_id FROM track_search, to_tsquery('simple', :q) q WHERE doc @@ q "
                        + "ORDER BY ts_rank(doc, q) DESC, track_id LIMIT :limit OFFSET :offset")
                .bind("q", tsquery)
                .bind("limit", limit).bind("offset", offset)
                .mapTo(String.class).list();
    }
}
