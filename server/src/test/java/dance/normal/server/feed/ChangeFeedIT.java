package dance.normal.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.catalog.Artist;
import dance.normal.protocol.catalog.Track;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.catalog.NewTrack;
import dance.normal.server.support.Databases;
import dance.normal.server.support.ServerWithDatabase;
import dance.normal.server.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/v1/sync} on SQLite and PostgreSQL: full sync, resuming from a cursor, and a reader paging with a
 * small limit while several writers commit, which must see every change exactly once and in commit order.
 */
class ChangeFeedIT {

    private static final Map<Databases.Kind, ServerWithDatabase> ENVS = new EnumMap<>(Databases.Kind.class);

    private static synchronized ServerWithDatabase env(Databases.Kind kind) {
        return ENVS.computeIfAbsent(kind, ServerWithDatabase::start);
    }

    @AfterAll
    static void stop() {
        ENVS.values().forEach(ServerWithDatabase::close);
        ENVS.clear();
    }

    /** One change as a client sees it (seq, op, entity, id) and the entity's JSON, if any. */
    record Seen(long seq, String op, String entity, String id, JsonNode body) {
        String key() {
            return entity + " " + op + " " + id;
        }
    }

    record FeedPage(List<Seen> changes, String nextCursor, boolean hasMore) {
    }

    private static FeedPage page(TestServer server, String since, int limit) {
        HttpResponse<String> r = server.get("/api/v1/sync?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)
                + "&limit=" + limit, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = TestServer.json(r);
        List<Seen> changes = new ArrayList<>();
        for (JsonNode c : json.get("changes")) {
            JsonNode body = c.has("track") ? c.get("track") : c.has("release") ? c.get("release") : c.get("artist");
            changes.add(new Seen(c.get("seq").asLong(), c.get("op").asText(), c.get("entity").asText(),
                    c.get("id").asText(), body));
        }
        assertThat(changes.size()).isLessThanOrEqualTo(limit);
        return new FeedPage(changes, json.get("nextCursor").asText(), json.get("hasMore").asBoolean());
    }

    /** Pages from {@code since} until the feed says there is no more; returns the changes and the final cursor. */
    private static Map.Entry<List<Seen>, String> drain(TestServer server, String since, int limit) {
        List<Seen> all = new ArrayList<>();
        String cursor = since;
        while (true) {
            FeedPage p = page(server, cursor, limit);
            all.addAll(p.changes());
            if (!p.changes().isEmpty()) {
                assertThat(p.nextCursor()).isEqualTo(Long.toString(p.changes().getLast().seq()));
            } else {
                assertThat(p.nextCursor()).isEqualTo(cursor.isEmpty() ? "0" : cursor);
            }
            cursor = p.nextCursor();
            if (!p.hasMore()) {
                return Map.entry(all, cursor);
            }
        }
    }

    /** Every change in the database after {@code after}, in seq order, as the server stored them. */
    private static List<String> storedKeys(ServerWithDatabase env, long after) {
        return env.db().jdbi().withHandle(h -> h.createQuery("SELECT seq, entity, op, entity_id FROM changes "
                        + "WHERE seq > :after ORDER BY seq")
                .bind("after", after)
                .map((rs, ctx) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                        + rs.getString(4))
                .list());
    }

    private static List<String> keysWithSeq(List<Seen> seen) {
        return seen.stream().map(s -> s.seq() + " " + s.key()).toList();
    }

    private static void assertStrictlyIncreasing(List<Seen> seen) {
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).seq()).as("seq after %d", seen.get(i - 1).seq())
                    .isGreaterThan(seen.get(i - 1).seq());
        }
    }

    private static NewTrack track(Artist artist, String release, String title) {
        return new NewTrack(artist.id(), release, 2024, null, title, 1, "Test", 180_000, "FLAC", "audio/flac", 900,
                1000, "0".repeat(64), -14.0, -1.0);
    }

    private static long lastSeq(ServerWithDatabase env) {
        return env.db().jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM changes")
                .mapTo(Long.class).one());
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void fullSyncFromAnEmptyCursorIsEverythingInOrder(Databases.Kind kind) {
        ServerWithDatabase env = env(kind);
        CatalogRepository catalog = env.catalog();
        String artistName = "Full Sync " + UUID.randomUUID();
        List<String> trackIds = env.db().jdbi().inTransaction(h -> {
            Artist a = catalog.createArtist(h, null, artistName, "bio");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(catalog.insertTrack(h, track(a, "Full Release", "Full " + i)).id());
            }
            return ids;
        });

        for (String empty : List.of("", "0")) {
            var drained = drain(env.server(), empty, 1000);
            List<Seen> seen = drained.getKey();
            assertStrictlyIncreasing(seen);
            assertThat(keysWithSeq(seen)).isEqualTo(storedKeys(env, 0));
            assertThat(drained.getValue()).isEqualTo(Long.toString(lastSeq(env)));
            assertThat(seen).filteredOn(s -> s.entity().equals("TRACK")).extracting(Seen::id).containsAll(trackIds);
            Seen artist = seen.stream().filter(s -> s.entity().equals("ARTIST")
                    && s.body().get("name").asText().equals(artistName)).findFirst().orElseThrow();
            Seen firstTrack = seen.stream().filter(s -> s.id().equals(trackIds.getFirst())).findFirst().orElseThrow();
            assertThat(firstTrack.seq()).isGreaterThan(artist.seq());
            assertThat(firstTrack.body().get("artistName").asText()).isEqualTo(artistName);
            assertThat(firstTrack.body().get("releaseTitle").asText()).isEqualTo("Full Release");
        }
        // Without "since" at all.
        HttpResponse<String> r = env.server().get("/api/v1/sync", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(r).get("changes").get(0).get("seq").asLong())
                .isEqualTo(Long.parseLong(storedKeys(env, 0).getFirst().split(" ")[0]));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void resumingFromACursorGivesTheRestWithNoGapAndNoDuplicate(Databases.Kind kind) {
        ServerWithDatabase env = env(kind);
        CatalogRepository catalog = env.catalog();
        long before = lastSeq(env);
        Artist artist = env.db().jdbi().inTransaction(h -> catalog.createArtist(h, null, "Resume Artist", ""));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int n = i;
            ids.add(env.db().jdbi().inTransaction(h -> catalog.insertTrack(h, track(artist, "Resume", "R" + n))).id());
        }
        FeedPage first = page(env.server(), Long.toString(before), 2);
        assertThat(first.changes()).hasSize(2);
        assertThat(first.hasMore()).isTrue();

        // The client is interrupted here; more changes happen meanwhile.
        env.db().jdbi().useTransaction(h -> catalog.deleteTrack(h, ids.get(3)));
        env.db().jdbi().useTransaction(h -> catalog.updateArtist(h, artist.id(), "Resumed Artist", null, null));

        List<Seen> rest = drain(env.server(), first.nextCursor(), 2).getKey();
        List<Seen> all = new ArrayList<>(first.changes());
        all.addAll(rest);
        assertStrictlyIncreasing(all);
        assertThat(keysWithSeq(all)).isEqualTo(storedKeys(env, before));
        assertThat(all).extracting(Seen::key).contains("TRACK DELETE " + ids.get(3));
        // The rename re-announces the artist and every live track under the new name, the deleted one excepted.
        Seen renamed = all.stream().filter(s -> s.key().equals("ARTIST UPSERT " + artist.id())).toList().getLast();
        assertThat(renamed.body().get("name").asText()).isEqualTo("Resumed Artist");
        List<Seen> afterRename = all.stream().filter(s -> s.seq() > renamed.seq()).toList();
        assertThat(afterRename).allSatisfy(s -> {
            assertThat(s.entity()).isEqualTo("TRACK");
            assertThat(s.body().get("artistName").asText()).isEqualTo("Resumed Artist");
        });
        assertThat(afterRename).extracting(Seen::id).containsExactlyInAnyOrderElementsOf(
                ids.stream().filter(id -> !id.equals(ids.get(3))).toList());

        // Asking again from the same old cursor gives the same answer: resuming is repeatable.
        assertThat(keysWithSeq(drain(env.server(), first.nextCursor(), 5).getKey())).isEqualTo(keysWithSeq(rest));
        // A cursor at the end gives an empty page that keeps the cursor.
        String end = Long.toString(lastSeq(env));
        FeedPage atEnd = page(env.server(), end, 10);
        assertThat(atEnd.changes()).isEmpty();
        assertThat(atEnd.hasMore()).isFalse();
        assertThat(atEnd.nextCursor()).isEqualTo(end);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void concurrentWritersAndAPagingReaderSeeEveryChangeOnce(Databases.Kind kind) throws Exception {
        // A few rounds: a reader that passes a change only does so when it reads at the wrong moment.
        for (int round = 0; round < 3; round++) {
            writeWhileReading(env(kind), round);
        }
    }

    private static void writeWhileReading(ServerWithDatabase env, int round) throws Exception {
        CatalogRepository catalog = env.catalog();
        String start = Long.toString(lastSeq(env));
        int writers = 4;
        int tracksEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<List<String>> written = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                go.await();
                Random random = new Random(round * 10L + writer);
                List<String> mine = new ArrayList<>();
                Artist artist = env.db().jdbi().inTransaction(h -> catalog.createArtist(h, null,
                        "Writer " + round + "." + writer, ""));
                mine.add("ARTIST UPSERT " + artist.id());
                List<String> tracks = new ArrayList<>();
                for (int i = 0; i < tracksEach; i++) {
                    int n = i;
                    Track t = env.db().jdbi().inTransaction(h -> {
                        Track inserted = catalog.insertTrack(h, track(artist, "Writer " + writer + " Release",
                                "W" + writer + " T" + n));
                        // A transaction that takes a moment to commit: were sequence numbers not handed out in
                        // commit order, a later one would become visible first and the reader would pass this one.
                        Thread.sleep(random.nextInt(10));
                        return inserted;
                    });
                    if (i == 0) {
                        mine.add("RELEASE UPSERT " + t.releaseId());
                    }
                    mine.add("TRACK UPSERT " + t.id());
                    tracks.add(t.id());
                    if (i % 5 == 4) {
                        String victim = tracks.get(i - 2);
                        env.db().jdbi().useTransaction(h -> catalog.deleteTrack(h, victim));
                        mine.add("TRACK DELETE " + victim);
                    }
                }
                written.add(mine);
                return null;
            }));
        }

        go.countDown();
        List<Seen> seen = new ArrayList<>();
        String cursor = start;
        boolean writersDone = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            // Read "done" before the page: a page that says "no more" after the writers finished is the true end.
            boolean doneBefore = futures.stream().allMatch(Future::isDone);
            FeedPage p = page(env.server(), cursor, 3);
            seen.addAll(p.changes());
            cursor = p.nextCursor();
            if (doneBefore && !p.hasMore()) {
                writersDone = true;
                break;
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(writersDone).as("the reader drained the feed in time").isTrue();

        assertStrictlyIncreasing(seen);
        assertThat(seen).extracting(Seen::seq).doesNotHaveDuplicates();
        // No gap: exactly what the database holds after the starting cursor, change for change.
        assertThat(keysWithSeq(seen)).isEqualTo(storedKeys(env, Long.parseLong(start)));
        // And exactly what the writers wrote, each writer's changes in the order it made them.
        List<String> keys = seen.stream().map(Seen::key).toList();
        int expected = 0;
        for (List<String> mine : written) {
            expected += mine.size();
            List<Integer> positions = mine.stream().map(keys::indexOf).toList();
            assertThat(positions).doesNotContain(-1).isSorted();
        }
        assertThat(written).hasSize(writers);
        assertThat(keys).hasSize(expected).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "99999999999999999999", "0x10", " 1", "1;DROP TABLE changes",
        "../../etc/passwd", "%00"})
    void badCursorsAre400(String cursor) {
        for (Databases.Kind kind : Databases.Kind.values()) {
            HttpResponse<String> r = env(kind).server().get("/api/v1/sync?since="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8), null);
            assertThat(r.statusCode()).as("%s on %s", cursor, kind).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            JsonNode problem = TestServer.json(r);
            assertThat(problem.get("type").asText()).endsWith("/bad-request");
            assertThat(problem.get("detail").asText()).containsIgnoringCase("cursor");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1001", "abc", "2147483648"})
    void badLimitsAre400(String limit) {
        HttpResponse<String> r = env(Databases.Kind.SQLITE).server().get("/api/v1/sync?limit=" + limit, null);
        assertThat(r.statusCode()).as(limit).isEqualTo(400);
        assertThat(TestServer.json(r).get("detail").asText()).contains("limit");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void limitIsHonoured(Databases.Kind kind) {
        ServerWithDatabase env = env(kind);
        env.db().jdbi().useTransaction(h -> {
            for (int i = 0; i < 4; i++) {
                env.catalog().createArtist(h, null, "Limit " + i, "");
            }
        });
        Set<Long> seqs = new HashSet<>();
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int limit : new int[] {1, 3, 1000}) {
            FeedPage p = page(env.server(), "", limit);
            sizes.put(limit, p.changes().size());
            p.changes().forEach(c -> seqs.add(c.seq()));
        }
        assertThat(sizes.get(1)).isEqualTo(1);
        assertThat(sizes.get(3)).isEqualTo(3);
        assertThat(sizes.get(1000)).isGreaterThanOrEqualTo(4);
        assertThat(seqs).hasSize(sizes.get(1000));
    }
}
