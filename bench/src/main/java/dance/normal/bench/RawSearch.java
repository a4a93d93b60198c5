package dance.normal.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search benchmark's yardstick: the server's search SQL run directly on the SQLite file with plain JDBC (the same
 * sqlite-jdbc and SQLite library the server uses), one query at a time on one connection, no HTTP, no pool, no JSON.
 *
 * <p>Two modes, each time-bounded, over the same query file the wrk script rotates through:
 * <ul>
 *   <li>{@code fts}: the FTS5 query of {@code SearchIndex.search} (MATCH, bm25 ranking, LIMIT 21);</li>
 *   <li>{@code fts+rows}: that query plus the {@code tracksByIds} join that loads the 20 tracks, i.e. all the SQL
 *   the server runs for one {@code GET /api/v1/tracks?q=...&limit=20}.</li>
 * </ul>
 * The SQL is copied from {@code dance.normal.server.catalog.SearchIndex} and {@code CatalogRepository}; keep them in
 * step. Prints {@code RAW mode=... n=... qps=... p50_ms=... p90_ms=... p99_ms=... max_ms=...} lines, the query plan,
 * and the slowest queries with their number of matches.
 *
 * <p>Usage: {@code RawSearch --db FILE --queries FILE [--seconds 8] [--warmup-seconds 2] [--limit 20]}
 */
public final class RawSearch {

    /** As {@code SearchIndex.WORD}: a query is reduced to its words. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** As {@code SearchIndex.search} on SQLite. */
    static final String FTS_SQL = "SELECT i.track_id FROM (SELECT rowid AS r, "
            + "bm25(track_search, 10.0, 5.0, 3.0, 1.0) AS score FROM track_search "
            + "WHERE track_search MATCH ? ORDER BY score, rowid LIMIT ? OFFSET ?) s "
            + "JOIN track_search_ids i ON i.rowid = s.r ORDER BY s.score, s.r";

    /** As {@code CatalogRepository.TRACK_SELECT} + {@code tracksByIds}. */
    private static final String ROWS_SQL = "SELECT t.id, t.title, t.artist_id, a.name AS artist_name, "
            + "t.release_id, r.title AS release_title, t.track_number, t.genre, t.duration_ms, t.format, "
            + "t.mime_type, t.bitrate_kbps, t.size_bytes, t.sha256, t.loudness_lufs, t.peak_dbfs, r.artwork_sha256, "
            + "t.created_at FROM tracks t JOIN artists a ON a.id = t.artist_id JOIN releases r ON r.id = t.release_id "
            + "WHERE t.deleted_at IS NULL AND t.id IN (";

    private RawSearch() {
    }

    public static void main(String[] args) throws Exception {
        Path dbFile = null;
        Path queriesFile = null;
        double seconds = 8;
        double warmup = 2;
        int limit = 20;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--db" -> dbFile = Path.of(v);
                case "--queries" -> queriesFile = Path.of(v);
                case "--seconds" -> seconds = Double.parseDouble(v);
                case "--warmup-seconds" -> warmup = Double.parseDouble(v);
                case "--limit" -> limit = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
        }
        if (dbFile == null || queriesFile == null) {
            throw new IllegalArgumentException("--db and --queries are required");
        }
        List<String> queries = Files.readAllLines(queriesFile, StandardCharsets.UTF_8).stream()
                .filter(s -> !s.isBlank()).toList();
        List<String> matches = queries.stream().map(RawSearch::match).toList();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                System.out.println("SQLITE version=" + rs.getString(1));
            }
            plan(c, matches.getFirst(), limit);
            for (boolean withRows : new boolean[] {false, true}) {
                String mode = withRows ? "fts+rows" : "fts";
                run(c, matches, limit, withRows, warmup);
                Result r = run(c, matches, limit, withRows, seconds);
                double[] ms = r.nanos().stream().mapToDouble(n -> n / 1e6).sorted().toArray();
                System.out.printf(Locale.ROOT, "RAW mode=%s n=%d qps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f "
                                + "max_ms=%.3f%n", mode, ms.length, ms.length / r.seconds(), pct(ms, 50), pct(ms, 90),
                        pct(ms, 99), ms[ms.length - 1]);
                if (!withRows) {
                    slowest(c, queries, matches, r);
                }
            }
        }
    }

    private record Result(List<Long> nanos, List<Integer> queryIndex, double seconds) {
    }

    private static Result run(Connection c, List<String> matches, int limit, boolean withRows, double seconds)
            throws SQLException {
        List<Long> nanos = new ArrayList<>();
        List<Integer> which = new ArrayList<>();
        long begin = System.nanoTime();
        long end = begin + (long) (seconds * 1e9);
        int i = 0;
        try (PreparedStatement fts = c.prepareStatement(FTS_SQL)) {
            while (System.nanoTime() < end) {
                int q = i++ % matches.size();
                long t0 = System.nanoTime();
                List<String> ids = new ArrayList<>(limit + 1);
                fts.setString(1, matches.get(q));
                fts.setInt(2, limit + 1);
                fts.setInt(3, 0);
                try (ResultSet rs = fts.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                if (withRows && !ids.isEmpty()) {
                    List<String> page = ids.subList(0, Math.min(limit, ids.size()));
                    String sql = ROWS_SQL + String.join(", ", Collections.nCopies(page.size(), "?")) + ")";
                    try (PreparedStatement rows = c.prepareStatement(sql)) {
                        for (int k = 0; k < page.size(); k++) {
                            rows.setString(k + 1, page.get(k));
                        }
                        try (ResultSet rs = rows.executeQuery()) {
                            int cols = rs.getMetaData().getColumnCount();
                            while (rs.next()) {
                                for (int col = 1; col <= cols; col++) {
                                    rs.getObject(col);
                                }
                            }
                        }
                    }
                }
                nanos.add(System.nanoTime() - t0);
                which.add(q);
            }
        }
        return new Result(nanos, which, (System.nanoTime() - begin) / 1e9);
    }

    /** The five slowest distinct queries of a run, with how many tracks each matches. */
    private static void slowest(Connection c, List<String> queries, List<String> matches, Result r)
            throws SQLException {
        Integer[] order = new Integer[r.nanos().size()];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, Comparator.comparingLong((Integer k) -> r.nanos().get(k)).reversed());
        List<String> shown = new ArrayList<>();
        try (PreparedStatement count = c.prepareStatement(
                "SELECT COUNT(*) FROM track_search WHERE track_search MATCH ?")) {
            for (Integer k : order) {
                int q = r.queryIndex().get(k);
                if (shown.contains(queries.get(q))) {
                    continue;
                }
                shown.add(queries.get(q));
                count.setString(1, matches.get(q));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "SLOW query=\"%s\" ms=%.3f matches=%d%n", queries.get(q),
                            r.nanos().get(k) / 1e6, rs.getLong(1));
                }
                if (shown.size() == 5) {
                    break;
                }
            }
        }
        long[] counts = new long[matches.size()];
        try (PreparedStatement count = c.prepareStatement(
                "SELECT COUNT(*) FROM track_search WHERE track_search MATCH ?")) {
            for (int q = 0; q < matches.size(); q++) {
                count.setString(1, matches.get(q));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    counts[q] = rs.getLong(1);
                }
            }
        }
        Arrays.sort(counts);
        double[] asDouble = Arrays.stream(counts).asDoubleStream().toArray();
        System.out.printf(Locale.ROOT, "MATCHES p50=%.0f p90=%.0f p99=%.0f max=%d zero=%d of %d queries%n",
                pct(asDouble, 50), pct(asDouble, 90), pct(asDouble, 99), counts[counts.length - 1],
                Arrays.stream(counts).filter(n -> n == 0).count(), counts.length);
    }

    private static void plan(Connection c, String match, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + FTS_SQL)) {
            p.setString(1, match);
            p.setInt(2, limit + 1);
            p.setInt(3, 0);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    System.out.println("PLAN " + rs.getString("detail"));
                }
            }
        }
    }

    /** The FTS5 MATCH expression {@code SearchIndex.search} builds: every term a quoted prefix. */
    static String match(String query) {
        StringBuilder match = new StringBuilder();
        Matcher m = WORD.matcher(query.toLowerCase(Locale.ROOT));
        int n = 0;
        while (m.find() && n++ < 8) {
            match.append('"').append(m.group()).append("\"* ");
        }
        return match.toString().trim();
    }

    /** Nearest-rank percentile of sorted values. */
    static double pct(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
