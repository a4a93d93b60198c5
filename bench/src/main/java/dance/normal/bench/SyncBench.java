package dance.normal.bench;

import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.catalog.NewTrack;
import dance.normal.server.db.Database;
import dance.normal.server.feed.ChangeFeed;
import dance.normal.server.http.Json;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.catalog.CatalogMirror;
import dance.normal.sync.catalog.CatalogSync;
import dance.normal.sync.store.LocalStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The client's sync, each part beside raw SQLite doing the same storage work in the same run. Prints {@code SYNC
 * key=value} lines for bench/run.
 * <ul>
 *   <li>first sync: the whole generated catalog through the change feed into an empty mirror, beside copying the
 *       same rows into the same schema with {@code INSERT ... SELECT} from the server's file;</li>
 *   <li>delta: 100 new tracks written on the server, then one pull, ten times, beside inserting 100 rows;</li>
 *   <li>search: the query list on the mirror through {@link CatalogMirror#search}, beside the same FTS statement
 *       on the same file with plain JDBC.</li>
 * </ul>
 * Arguments: SERVER_URL SERVER_DATA_DIR QUERIES WORK_DIR.
 */
public final class SyncBench {

    private static final int DELTA = 100;
    private static final int DELTA_ROUNDS = 10;

    private SyncBench() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        Path serverData = Path.of(args[1]);
        List<String> queries = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        Path work = Files.createDirectories(Path.of(args[3]));

        try (ApiClient api = new ApiClient(server, TokenStore.inMemory());
             LocalStore store = LocalStore.open(work.resolve("mirror.db"))) {
            CatalogMirror mirror = new CatalogMirror(store);
            CatalogSync sync = new CatalogSync(api, store, mirror);

            long start = System.nanoTime();
            int changes = sync.pull();
            double firstMs = (System.nanoTime() - start) / 1e6;
            double rawFirstMs = rawCopy(serverData.resolve("normal-dance.db"), work.resolve("raw.db"));
            // Where the first sync's time goes: the same pages fetched and decoded, nothing written.
            long f = System.nanoTime();
            String cursor = "";
            int pages = 0;
            while (true) {
                var page = api.changes(cursor, CatalogSync.PAGE_SIZE);
                pages++;
                cursor = page.nextCursor();
                if (!page.hasMore() || page.changes().isEmpty()) {
                    break;
                }
            }
            System.out.printf(Locale.ROOT, "SYNC fetch_only_ms=%.0f pages=%d%n", (System.nanoTime() - f) / 1e6, pages);
            System.out.printf(Locale.ROOT, "SYNC first_ms=%.0f first_changes=%d tracks=%d raw_first_ms=%.0f%n",
                    firstMs, changes, mirror.trackCount(), rawFirstMs);

            List<Double> delta = new ArrayList<>();
            List<Double> rawDelta = new ArrayList<>();
            try (Database db = Database.open(serverData, Optional.empty(), Optional.empty(), Optional.empty())) {
                CatalogRepository catalog = new CatalogRepository(db, new ChangeFeed(db.jdbi(), db.dialect(),
                        Json.mapper()));
                SplittableRandom random = new SplittableRandom(7);
                for (int round = 0; round < DELTA_ROUNDS; round++) {
                    addTracks(db, catalog, random, round);
                    long t = System.nanoTime();
                    int pulled = sync.pull();
                    delta.add((System.nanoTime() - t) / 1e6);
                    if (pulled < DELTA) {
                        throw new IllegalStateException("Expected " + DELTA + " changes, pulled " + pulled);
                    }
                    rawDelta.add(rawInsert(work.resolve("raw.db"), round));
                }
            }
            System.out.printf(Locale.ROOT, "SYNC delta_median_ms=%.1f delta_max_ms=%.1f raw_delta_median_ms=%.1f%n",
                    median(delta), Collections.max(delta), median(rawDelta));

            for (String q : queries.subList(0, Math.min(200, queries.size()))) {
                mirror.search(q, 20);
            }
            List<Double> ours = new ArrayList<>();
            for (String q : queries) {
                long t = System.nanoTime();
                mirror.search(q, 20);
                ours.add((System.nanoTime() - t) / 1e6);
            }
            List<Double> raw = rawSearch(work.resolve("mirror.db"), queries);
            System.out.printf(Locale.ROOT, "SYNC search_p50_ms=%.2f search_p99_ms=%.2f raw_search_p50_ms=%.2f "
                    + "raw_search_p99_ms=%.2f queries=%d%n", pct(ours, 50), pct(ours, 99), pct(raw, 50), pct(raw, 99),
                    queries.size());
        }
    }

    /** The yardstick for the first sync: the same tracks into the mirror's schema, straight from the server file. */
    private static double rawCopy(Path serverDb, Path rawDb) throws Exception {
        Files.deleteIfExists(rawDb);
        try (LocalStore schema = LocalStore.open(rawDb)) {
            schema.file();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + rawDb); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("ATTACH DATABASE '" + serverDb + "' AS src");
            long start = System.nanoTime();
            s.execute("BEGIN IMMEDIATE");
            s.execute("INSERT INTO tracks (id, title, artist_id, artist_name, release_id, release_title, genre, "
                    + "duration_ms, json) SELECT t.id, t.title, t.artist_id, a.name, t.release_id, r.title, t.genre, "
                    + "t.duration_ms, t.id || t.title || t.sha256 || t.mime_type || a.name || r.title "
                    + "FROM src.tracks t JOIN src.artists a ON a.id = t.artist_id "
                    + "LEFT JOIN src.releases r ON r.id = t.release_id");
            s.execute("COMMIT");
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static double rawInsert(Path rawDb, int round) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + rawDb)) {
            long start = System.nanoTime();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tracks (id, title, artist_id, artist_name, "
                    + "release_id, release_title, genre, duration_ms, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < DELTA; i++) {
                    ps.setString(1, "raw-" + round + "-" + i);
                    ps.setString(2, "Delta track " + i);
                    ps.setString(3, "a");
                    ps.setString(4, "Delta Artist");
                    ps.setString(5, "r");
                    ps.setString(6, "Delta Release " + round);
                    ps.setString(7, "Bench");
                    ps.setLong(8, 200_000);
                    ps.setString(9, "{\"id\":\"raw-" + round + "-" + i + "\",\"title\":\"Delta track\"}");
                    ps.executeUpdate();
                }
            }
            c.commit();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static List<Double> rawSearch(Path mirrorDb, List<String> queries) throws Exception {
        List<Double> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + mirrorDb);
             PreparedStatement ps = c.prepareStatement(CatalogMirror.SEARCH_SQL)) {
            for (int pass = 0; pass < 2; pass++) {
                out.clear();
                for (String q : queries) {
                    String match = CatalogMirror.matchExpression(q);
                    if (match.isEmpty()) {
                        continue;
                    }
                    long t = System.nanoTime();
                    ps.setString(1, match);
                    ps.setInt(2, 20);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                    out.add((System.nanoTime() - t) / 1e6);
                }
            }
        }
        return out;
    }

    /** One artist's new release of {@value #DELTA} tracks, written on the server as an upload would be. */
    private static void addTracks(Database db, CatalogRepository catalog, SplittableRandom random, int round) {
        HexFormat hex = HexFormat.of();
        byte[] sha = new byte[32];
        db.jdbi().useTransaction(h -> {
            String artistId = catalog.createArtist(h, null, "Delta Artist " + round, "Bench delta.").id();
            for (int i = 0; i < DELTA; i++) {
                random.nextBytes(sha);
                catalog.insertTrack(h, new NewTrack(artistId, "Delta Release " + round, 2026, null,
                        "Delta track " + round + "-" + i, i + 1, "Bench", 200_000, "FLAC", "audio/flac", 1411,
                        35_275_000, hex.formatHex(sha), -14.0, -1.0));
            }
        });
    }

    private static double median(List<Double> values) {
        return pct(values, 50);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }
}
