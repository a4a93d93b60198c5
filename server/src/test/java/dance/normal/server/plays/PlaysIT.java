package dance.normal.server.plays;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.catalog.Artist;
import dance.normal.server.catalog.CatalogRepository;
import dance.normal.server.catalog.NewTrack;
import dance.normal.server.db.Database;
import dance.normal.server.storage.MediaStore;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Listening;
import dance.normal.server.support.ServerWithDatabase;
import dance.normal.server.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /api/v1/plays} against a started server on SQLite and on PostgreSQL: qualification at both sides of
 * each threshold, exactly-once recording under replays (also concurrent ones), and all-or-nothing batches. Plays
 * meant to qualify are heard as the app hears them: streamed first, then sent once the time played has passed
 * ({@link Listening}); the rules about evidence are tested in {@link PlayEvidenceIT}.
 */
class PlaysIT {

    private static final long SHORT_MS = 10_000;
    private static final long MEDIUM_MS = 50_000;
    private static final long LONG_MS = 600_000;

    /** A server, a direct connection to its database, and tracks of exact durations (one of them deleted). */
    record Env(ServerWithDatabase direct, String shortTrack, String mediumTrack, String longTrack,
               String deletedTrack) {

        TestServer server() {
            return direct.server();
        }

        Database db() {
            return direct.db();
        }
    }

    private static final Map<Databases.Kind, Env> ENVS = new EnumMap<>(Databases.Kind.class);

    private static synchronized Env env(Databases.Kind kind) {
        Env existing = ENVS.get(kind);
        if (existing != null) {
            return existing;
        }
        ServerWithDatabase direct = ServerWithDatabase.start(kind);
        CatalogRepository catalog = direct.catalog();
        storeAudio(direct.server());
        // Tracks inserted directly, so their durations are exact and the thresholds can be tested to the millisecond.
        Env env = direct.db().jdbi().inTransaction(h -> {
            Artist artist = catalog.createArtist(h, null, "Plays Artist", "");
            String shortId = catalog.insertTrack(h, track(artist, "Short", SHORT_MS)).id();
            String mediumId = catalog.insertTrack(h, track(artist, "Medium", MEDIUM_MS)).id();
            String longId = catalog.insertTrack(h, track(artist, "Long", LONG_MS)).id();
            String deletedId = catalog.insertTrack(h, track(artist, "Deleted", LONG_MS)).id();
            catalog.deleteTrack(h, deletedId);
            return new Env(direct, shortId, mediumId, longId, deletedId);
        });
        ENVS.put(kind, env);
        return env;
    }

    /** The bytes every track of these tests streams (tracks share one stored file; only durations differ). */
    private static final byte[] AUDIO = new byte[48_000];
    private static final String AUDIO_SHA;

    static {
        new java.util.Random(14).nextBytes(AUDIO);
        try {
            AUDIO_SHA = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(AUDIO));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void storeAudio(TestServer server) {
        try {
            MediaStore store = new MediaStore(server.dataDir().resolve("media"));
            java.nio.file.Path temp = store.newTempFile(".mp3");
            java.nio.file.Files.write(temp, AUDIO);
            store.commit(temp, AUDIO_SHA);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static NewTrack track(Artist artist, String title, long durationMs) {
        return new NewTrack(artist.id(), "Plays Release", null, null, title, 1, "Test", durationMs, "MP3",
                "audio/mpeg", 128, AUDIO.length, AUDIO_SHA, null, null);
    }

    @AfterAll
    static void stop() {
        ENVS.values().forEach(e -> e.direct().close());
        ENVS.clear();
    }

    /** A new listener: token and account id. */
    record Listener(String token, String accountId) {
    }

    private static Listener listener(Env env) {
        JsonNode pair = env.server().signup("listener");
        return new Listener(pair.get("accessToken").asText(), pair.get("me").get("id").asText());
    }

    /** A play sent with no evidence behind it (for the checks made before evidence is looked at). */
    private static Map<String, Object> play(String trackId, long playedMs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", UUID.randomUUID().toString());
        p.put("trackId", trackId);
        p.put("startedAt", Instant.now().minus(10, ChronoUnit.MINUTES).toString());
        p.put("playedMs", playedMs);
        return p;
    }

    /** A play as the app makes one: the track streamed to the listener, then {@code playedMs} of time passed. */
    private static Map<String, Object> heard(Env env, Listener who, String trackId, long playedMs) {
        return Listening.listen(env.server(), who.token(), trackId, 1, playedMs).getFirst();
    }

    private static HttpResponse<String> send(Env env, Listener who, List<Map<String, Object>> plays) {
        return env.server().postJson("/api/v1/plays", who.token(), Map.of("plays", plays));
    }

    private static int storedPlays(Env env, Listener who) {
        return env.db().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM plays WHERE account_id = :a")
                .bind("a", who.accountId()).mapTo(Integer.class).one());
    }

    private static Map<String, Boolean> storedQualification(Env env, Listener who) {
        Map<String, Boolean> stored = new HashMap<>();
        env.db().jdbi().useHandle(h -> h.createQuery("SELECT id, qualified FROM plays WHERE account_id = :a")
                .bind("a", who.accountId())
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .forEach(e -> stored.put(e.getKey(), e.getValue())));
        return stored;
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void qualificationAtBothSidesOfEachThreshold(Databases.Kind kind) {
        Env env = env(kind);
        Listener who = listener(env);
        record Case(Map<String, Object> play, boolean qualifies) {
        }
        List<Case> cases = List.of(
                new Case(heard(env, who, env.shortTrack(), 5_000), true),      // half of a 10 s track
                new Case(heard(env, who, env.shortTrack(), 4_999), false),
                new Case(heard(env, who, env.shortTrack(), 4_900), false),
                new Case(heard(env, who, env.shortTrack(), 10_000), true),
                new Case(heard(env, who, env.shortTrack(), 0), false),
                new Case(heard(env, who, env.mediumTrack(), 25_000), true),    // half of a 50 s track, before 30 s
                new Case(heard(env, who, env.mediumTrack(), 24_999), false),
                new Case(heard(env, who, env.longTrack(), 30_000), true),      // 30 s of a 10 min track, far from half
                new Case(heard(env, who, env.longTrack(), 29_999), false),
                new Case(heard(env, who, env.longTrack(), 300_000), true));
        HttpResponse<String> r = send(env, who, cases.stream().map(Case::play).toList());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = TestServer.json(r);
        assertThat(result.get("recorded").asInt()).isEqualTo(cases.size());
        assertThat(result.get("duplicates").asInt()).isZero();
        JsonNode receipts = result.get("receipts");
        assertThat(receipts).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode receipt = receipts.get(i);
            assertThat(receipt.get("id").asText()).isEqualTo(c.play().get("id"));
            assertThat(receipt.get("status").asText()).isEqualTo("RECORDED");
            assertThat(receipt.get("qualified").asBoolean()).as("%s ms", c.play().get("playedMs"))
                    .isEqualTo(c.qualifies());
            assertThat(receipt.get("reason").asText()).isEqualTo(c.qualifies() ? "QUALIFIED" : "TOO_SHORT");
        }
        Map<String, Boolean> stored = storedQualification(env, who);
        assertThat(stored).hasSize(cases.size());
        cases.forEach(c -> assertThat(stored.get((String) c.play().get("id"))).isEqualTo(c.qualifies()));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void popularCountsQualifiedPlaysOfTracksStillInTheCatalogMostPlayedFirst(Databases.Kind kind) {
        Env env = env(kind);
        CatalogRepository catalog = env.direct().catalog();
        List<String> ids = env.db().jdbi().inTransaction(h -> {
            Artist artist = catalog.createArtist(h, null, "Popular Artist " + UUID.randomUUID(), "");
            List<String> made = new ArrayList<>();
            for (String title : List.of("Third", "First", "Second", "Gone")) {
                made.add(catalog.insertTrack(h, track(artist, title, LONG_MS)).id());
            }
            return made;
        });
        String third = ids.get(0);
        String first = ids.get(1);
        String second = ids.get(2);
        String gone = ids.get(3);
        Listener who = listener(env);
        List<Map<String, Object>> plays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            plays.add(heard(env, who, gone, 60_000));
            plays.add(heard(env, who, third, 1_000)); // too short to count
        }
        for (int i = 0; i < 3; i++) {
            plays.add(heard(env, who, first, 60_000));
        }
        plays.add(heard(env, who, second, 60_000));
        plays.add(heard(env, who, second, 45_000));
        plays.add(heard(env, who, third, 40_000));
        assertThat(send(env, who, plays).statusCode()).isEqualTo(200);
        env.db().jdbi().useTransaction(h -> catalog.deleteTrack(h, gone));

        HttpResponse<String> r = env.server().get("/api/v1/popular?limit=100", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Map.Entry<String, Long>> ours = new ArrayList<>();
        TestServer.json(r).get("tracks").forEach(t -> {
            if (ids.contains(t.get("trackId").asText())) {
                ours.add(Map.entry(t.get("trackId").asText(), t.get("plays").asLong()));
            }
        });
        assertThat(ours).containsExactly(Map.entry(first, 3L), Map.entry(second, 2L), Map.entry(third, 1L));
        assertThat(env.server().get("/api/v1/popular?limit=0", null).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void replayedPlaysAreAcknowledgedAndNeverCountedTwice(Databases.Kind kind) {
        Env env = env(kind);
        Listener who = listener(env);
        List<Map<String, Object>> batch = List.of(heard(env, who, env.longTrack(), 45_000),
                heard(env, who, env.shortTrack(), 1_000), heard(env, who, env.mediumTrack(), 40_000));
        assertThat(TestServer.json(send(env, who, batch)).get("recorded").asInt()).isEqualTo(3);

        for (int replay = 0; replay < 2; replay++) {
            HttpResponse<String> r = send(env, who, batch);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode result = TestServer.json(r);
            assertThat(result.get("recorded").asInt()).isZero();
            assertThat(result.get("duplicates").asInt()).isEqualTo(3);
            List<Boolean> qualified = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode receipt = result.get("receipts").get(i);
                assertThat(receipt.get("id").asText()).isEqualTo(batch.get(i).get("id"));
                assertThat(receipt.get("status").asText()).isEqualTo("DUPLICATE");
                qualified.add(receipt.get("qualified").asBoolean());
            }
            assertThat(qualified).containsExactly(true, false, true);
            assertThat(storedPlays(env, who)).isEqualTo(3);
        }

        // A batch mixing a replayed play with a new one records only the new one.
        List<Map<String, Object>> mixed = List.of(batch.get(0), heard(env, who, env.longTrack(), 60_000));
        JsonNode result = TestServer.json(send(env, who, mixed));
        assertThat(result.get("recorded").asInt()).isEqualTo(1);
        assertThat(result.get("duplicates").asInt()).isEqualTo(1);
        assertThat(result.get("receipts").get(0).get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(result.get("receipts").get(1).get("status").asText()).isEqualTo("RECORDED");
        assertThat(storedPlays(env, who)).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aBatchWithOneInvalidPlayIsRefusedWhole(Databases.Kind kind) {
        Env env = env(kind);
        Listener who = listener(env);
        Map<String, Consumer<Map<String, Object>>> spoilers = new LinkedHashMap<>();
        spoilers.put("unknown track", p -> p.put("trackId", UUID.randomUUID().toString()));
        spoilers.put("deleted track", p -> p.put("trackId", env.deletedTrack()));
        spoilers.put("track id not a uuid", p -> p.put("trackId", "../../etc/passwd"));
        spoilers.put("track id with SQL", p -> p.put("trackId", "x' OR '1'='1"));
        spoilers.put("negative playedMs", p -> p.put("playedMs", -1));
        spoilers.put("playedMs over a day", p -> p.put("playedMs", 86_400_001L));
        spoilers.put("missing id", p -> p.remove("id"));
        spoilers.put("missing trackId", p -> p.remove("trackId"));
        spoilers.put("missing startedAt", p -> p.remove("startedAt"));
        spoilers.put("missing playedMs", p -> p.remove("playedMs"));
        spoilers.put("null playedMs", p -> p.put("playedMs", null));
        spoilers.put("started next week", p -> p.put("startedAt", Instant.now().plus(7, ChronoUnit.DAYS).toString()));
        spoilers.put("started last year", p -> p.put("startedAt", Instant.now().minus(365, ChronoUnit.DAYS)
                .toString()));

        for (var spoiler : spoilers.entrySet()) {
            List<Map<String, Object>> batch = new ArrayList<>();
            batch.add(play(env.longTrack(), 40_000));
            batch.add(play(env.shortTrack(), 6_000));
            Map<String, Object> bad = play(env.mediumTrack(), 30_000);
            spoiler.getValue().accept(bad);
            batch.add(bad);
            batch.add(play(env.longTrack(), 50_000));
            HttpResponse<String> r = send(env, who, batch);
            assertThat(r.statusCode()).as("%s: %s", spoiler.getKey(), r.body()).isEqualTo(422);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(TestServer.json(r).get("detail").asText()).as(spoiler.getKey()).contains("plays[2]");
            assertThat(storedPlays(env, who)).as(spoiler.getKey()).isZero();
        }

        // The same id twice in one batch.
        Map<String, Object> once = play(env.longTrack(), 40_000);
        Map<String, Object> twice = new LinkedHashMap<>(play(env.shortTrack(), 6_000));
        twice.put("id", once.get("id"));
        HttpResponse<String> dup = send(env, who, List.of(once, twice));
        assertThat(dup.statusCode()).as(dup.body()).isEqualTo(422);
        assertThat(storedPlays(env, who)).isZero();

        // More than 500 plays.
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(play(env.longTrack(), 40_000));
        }
        HttpResponse<String> tooMany = send(env, who, many);
        assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(422);
        assertThat(storedPlays(env, who)).isZero();
        // 500 is fine.
        HttpResponse<String> limit = send(env, who, many.subList(0, 500));
        assertThat(limit.statusCode()).as(limit.body()).isEqualTo(200);
        assertThat(storedPlays(env, who)).isEqualTo(500);

        // An empty batch, and no batch at all.
        assertThat(send(env, who, List.of()).statusCode()).isEqualTo(422);
        assertThat(env.server().postJson("/api/v1/plays", who.token(), Map.of()).statusCode()).isEqualTo(422);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void malformedRequestsAreRefused(Databases.Kind kind) {
        Env env = env(kind);
        Listener who = listener(env);
        TestServer server = env.server();
        assertThat(server.postJson("/api/v1/plays", who.token(), "{\"plays\": [").statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/plays", who.token(), "[]").statusCode()).isEqualTo(400);
        Map<String, Object> wrongType = play(env.longTrack(), 40_000);
        wrongType.put("playedMs", "forty seconds");
        assertThat(send(env, who, List.of(wrongType)).statusCode()).isEqualTo(400);
        Map<String, Object> badId = play(env.longTrack(), 40_000);
        badId.put("id", "not-a-uuid");
        assertThat(send(env, who, List.of(badId)).statusCode()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/plays", null, Map.of("plays", List.of(play(env.longTrack(), 40_000))))
                .statusCode()).isEqualTo(401);
        assertThat(storedPlays(env, who)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void concurrentReplaysOfOneBatchRecordEachPlayOnce(Databases.Kind kind) throws Exception {
        Env env = env(kind);
        Listener who = listener(env);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(heard(env, who, i % 2 == 0 ? env.longTrack() : env.shortTrack(), 31_000));
        }
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<JsonNode>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    HttpResponse<String> r = send(env, who, batch);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    return TestServer.json(r);
                }));
            }
            start.countDown();
            int recorded = 0;
            int duplicates = 0;
            Map<String, Integer> recordedPerPlay = new HashMap<>();
            for (Future<JsonNode> f : results) {
                JsonNode result = f.get();
                recorded += result.get("recorded").asInt();
                duplicates += result.get("duplicates").asInt();
                for (JsonNode receipt : result.get("receipts")) {
                    assertThat(receipt.get("qualified").asBoolean()).isTrue();
                    if (receipt.get("status").asText().equals("RECORDED")) {
                        recordedPerPlay.merge(receipt.get("id").asText(), 1, Integer::sum);
                    }
                }
            }
            assertThat(recorded).isEqualTo(batch.size());
            assertThat(duplicates).isEqualTo(batch.size() * (threads - 1));
            assertThat(recordedPerPlay).hasSize(batch.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(storedPlays(env, who)).isEqualTo(batch.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
