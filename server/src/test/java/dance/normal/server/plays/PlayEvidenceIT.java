package dance.normal.server.plays;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.auth.AdminAuth;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Listening;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.ProblemAssert;
import dance.normal.server.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plays pay only with evidence (decision 0024), on SQLite and PostgreSQL: what the server streamed to the account,
 * or a receipt signed by the account's device for a track it downloaded; never more than fits in real time, at most
 * {@link PlayService#DAILY_CAP} a day per track; every other play is kept with a reason the artist sees. Each test
 * settles and checks what the artist earned.
 */
class PlayEvidenceIT {

    private static final Map<Databases.Kind, TestServer> SERVERS = new EnumMap<>(Databases.Kind.class);

    private static synchronized TestServer server(Databases.Kind kind) {
        return SERVERS.computeIfAbsent(kind, k -> TestServer.start(k, UnaryOperator.identity()));
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
        SERVERS.clear();
    }

    private static String admin(TestServer server) {
        try {
            return Files.readString(server.dataDir().resolve(AdminAuth.FILE)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode settle(TestServer server) {
        HttpResponse<String> r = server.send(server.request("/api/v1/admin/settlements")
                .header("Authorization", "Bearer " + admin(server)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r);
    }

    private static long artistEarned(TestServer server, Market m) {
        HttpResponse<String> r = server.get("/api/v1/artists/me/earnings", m.artistToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r).get("availableMicros").asLong();
    }

    private static long durationMs(TestServer server, Market m) {
        return TestServer.json(server.get("/api/v1/tracks/" + m.trackId(), null)).get("durationMs").asLong();
    }

    /** A market whose earlier plays (of other tests) are settled, so the next settlement holds only this test's. */
    private static Market market(TestServer server) {
        Market m = Market.open(server, 10, 10_000, 5_000, null);
        settle(server);
        return m;
    }

    private static Map<String, Long> reasons(JsonNode result) {
        Map<String, Long> counts = new HashMap<>();
        result.get("receipts").forEach(r -> counts.merge(r.get("reason").asText(), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> artistReasons(TestServer server, Market m) {
        HttpResponse<String> r = server.get("/api/v1/me/artist/plays", m.artistToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode t : TestServer.json(r).get("tracks")) {
            if (t.get("trackId").asText().equals(m.trackId())) {
                t.get("counts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
            }
        }
        return counts;
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aThousandFabricatedPlaysPayNothingAndTheArtistSeesWhy(Databases.Kind kind) {
        TestServer server = server(kind);
        Market m = market(server);
        Buyer listener = Buyer.signUp(server);
        long duration = durationMs(server, m);
        Instant now = server.clock().instant();
        int recorded = 0;
        for (int batch = 0; batch < 2; batch++) {
            List<Map<String, Object>> plays = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = batch * 500 + i;
                plays.add(Listening.play(m.trackId(), now.minusMillis((n + 1) * (duration + 1_000)), duration));
            }
            JsonNode result = Listening.send(server, listener.token(), plays);
            recorded += result.get("recorded").asInt();
            assertThat(reasons(result)).containsExactly(Map.entry("NO_STREAM", 500L));
            result.get("receipts").forEach(r -> assertThat(r.get("qualified").asBoolean()).isFalse());
        }
        assertThat(recorded).isEqualTo(1_000);

        JsonNode settlement = settle(server);

        assertThat(settlement.get("plays").asLong()).isZero();
        assertThat(artistEarned(server, m)).isZero();
        assertThat(artistReasons(server, m)).containsExactly(Map.entry("NO_STREAM", 1_000L));
        // The counts are the artist's: a listener is refused, and so is nobody.
        ProblemAssert.assertProblem(server.get("/api/v1/me/artist/plays", listener.token()), 403, "forbidden");
        ProblemAssert.assertProblem(server.get("/api/v1/me/artist/plays", null), 401, "unauthenticated");
        MoneyInvariants.check(server, admin(server));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void overlappingPlaysPayAtMostWhatFitsInRealTime(Databases.Kind kind) {
        TestServer server = server(kind);
        Market m = market(server);
        Buyer listener = Buyer.signUp(server);
        long duration = durationMs(server, m);
        // Ten streams at once, then ten plays of the whole track all claiming the same time.
        Instant started = server.clock().instant();
        for (int i = 0; i < 10; i++) {
            Listening.stream(server, listener.token(), m.trackId(), null, false);
        }
        List<Map<String, Object>> plays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plays.add(Listening.play(m.trackId(), started, duration));
        }
        // Sent before the time they claim has passed since the streams began: not yet paid.
        JsonNode early = Listening.send(server, listener.token(), List.of(Listening.play(m.trackId(), started,
                duration + 5_000)));
        assertThat(reasons(early)).containsExactly(Map.entry("STREAM_TOO_SHORT", 1L));
        server.clock().advance(Duration.ofMinutes(1));

        JsonNode result = Listening.send(server, listener.token(), plays);

        assertThat(reasons(result)).containsOnly(Map.entry("QUALIFIED", 1L), Map.entry("OVERLAP", 9L));
        // Ten more, each starting half a track after the one before: each has half a track no other play claims,
        // which is what a play of this short track needs, so each pays, and together they claim no more time than
        // they span.
        Instant later = server.clock().instant();
        for (int i = 0; i < 10; i++) {
            Listening.stream(server, listener.token(), m.trackId(), null, false);
        }
        server.clock().advance(Duration.ofMinutes(1));
        List<Map<String, Object>> staggered = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            staggered.add(Listening.play(m.trackId(), later.plusMillis(i * ((duration + 1) / 2)), duration));
        }
        // And one claiming a quarter of a track after the first: a quarter is not enough.
        staggered.add(Listening.play(m.trackId(), later.plusMillis(duration / 4), duration));
        JsonNode second = Listening.send(server, listener.token(), staggered);
        assertThat(reasons(second)).containsOnly(Map.entry("QUALIFIED", 10L), Map.entry("OVERLAP", 1L));

        JsonNode settlement = settle(server);

        assertThat(settlement.get("plays").asLong()).isEqualTo(11);
        assertThat(artistReasons(server, m)).containsEntry("QUALIFIED", 11L).containsEntry("OVERLAP", 10L)
                .containsEntry("STREAM_TOO_SHORT", 1L);
        MoneyInvariants.check(server, admin(server));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void playsOfOneTrackByOneAccountAreCappedPerDay(Databases.Kind kind) {
        TestServer server = server(kind);
        Market m = market(server);
        Buyer listener = Buyer.signUp(server);
        long duration = durationMs(server, m);
        long dayMs = Duration.ofDays(1).toMillis();
        if (server.clock().millis() % dayMs > dayMs - Duration.ofMinutes(10).toMillis()) {
            server.clock().advance(Duration.ofMinutes(11)); // all plays on one UTC day
        }

        JsonNode result = Listening.listenAndSend(server, listener.token(), m.trackId(), PlayService.DAILY_CAP + 1,
                duration);

        assertThat(reasons(result)).containsOnly(Map.entry("QUALIFIED", (long) PlayService.DAILY_CAP),
                Map.entry("DAILY_CAP", 1L));
        assertThat(result.get("receipts").get(PlayService.DAILY_CAP).get("reason").asText()).isEqualTo("DAILY_CAP");
        assertThat(settle(server).get("plays").asLong()).isEqualTo(PlayService.DAILY_CAP);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anOfflineSessionReplayedTwiceCountsEachPlayOnce(Databases.Kind kind) {
        TestServer server = server(kind);
        Market m = market(server);
        Buyer listener = Buyer.signUp(server);
        long duration = durationMs(server, m);
        JsonNode track = TestServer.json(server.get("/api/v1/tracks/" + m.trackId(), null));
        // The download for offline play, through the real stream route, for this device.
        byte[] file = Listening.stream(server, listener.token(), m.trackId(), listener.deviceId(), true);
        assertThat((long) file.length).isEqualTo(track.get("sizeBytes").asLong());
        server.clock().advance(Duration.ofMinutes(5));
        Instant offline = server.clock().instant();
        List<Map<String, Object>> receipts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> play = Listening.play(m.trackId(), offline.plusMillis(i * (duration + 1_000)),
                    duration);
            receipts.add(listener.receipt(play, i + 1));
        }
        server.clock().advance(Duration.ofMinutes(5));

        JsonNode first = Listening.send(server, listener.token(), receipts);
        JsonNode again = Listening.send(server, listener.token(), receipts);
        JsonNode third = Listening.send(server, listener.token(), receipts);

        assertThat(first.get("recorded").asInt()).isEqualTo(3);
        assertThat(reasons(first)).containsExactly(Map.entry("QUALIFIED", 3L));
        for (JsonNode replay : List.of(again, third)) {
            assertThat(replay.get("recorded").asInt()).isZero();
            assertThat(replay.get("duplicates").asInt()).isEqualTo(3);
            assertThat(reasons(replay)).containsExactly(Map.entry("QUALIFIED", 3L));
        }
        // A new play under a counter the device used before is kept, not paid.
        Map<String, Object> reused = listener.receipt(Listening.play(m.trackId(),
                offline.plusMillis(10 * (duration + 1_000)), duration), 2);
        assertThat(reasons(Listening.send(server, listener.token(), List.of(reused))))
                .containsExactly(Map.entry("COUNTER_USED", 1L));

        JsonNode settlement = settle(server);

        assertThat(settlement.get("plays").asLong()).isEqualTo(3);
        // 3 plays x 4,000 = 12,000; artist side 10,800, half of it to holders (none sold, so the artist keeps it).
        assertThat(artistEarned(server, m)).isEqualTo(10_800);
        assertThat(artistReasons(server, m)).containsOnly(Map.entry("QUALIFIED", 3L), Map.entry("COUNTER_USED", 1L));
        MoneyInvariants.check(server, admin(server));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void forgedAndForeignReceiptsAreRecordedAndNotPaid(Databases.Kind kind) {
        TestServer server = server(kind);
        Market m = market(server);
        Buyer owner = Buyer.signUp(server);
        Buyer other = Buyer.signUp(server);
        long duration = durationMs(server, m);
        Listening.stream(server, owner.token(), m.trackId(), owner.deviceId(), true);
        server.clock().advance(Duration.ofMinutes(5));
        Instant t = server.clock().instant().minus(Duration.ofMinutes(4));
        List<Map<String, Object>> forged = new ArrayList<>();
        // Signed by another key in the owner's device's name.
        forged.add(other.receiptAs(Listening.play(m.trackId(), t, duration), 1, owner.deviceId()));
        // The owner's receipt, changed after signing.
        Map<String, Object> changed = new LinkedHashMap<>(owner.receipt(Listening.play(m.trackId(),
                t.plusSeconds(10), duration), 2));
        changed.put("playedMs", duration + 1);
        forged.add(changed);
        // Not base58 at all.
        Map<String, Object> garbage = new LinkedHashMap<>(owner.receipt(Listening.play(m.trackId(),
                t.plusSeconds(20), duration), 3));
        garbage.put("signature", "not a signature 0OIl");
        forged.add(garbage);
        assertThat(reasons(Listening.send(server, owner.token(), forged))).containsExactly(
                Map.entry("BAD_RECEIPT", 3L));
        // The owner's genuine receipt, sent by another account.
        Map<String, Object> genuine = owner.receipt(Listening.play(m.trackId(), t.plusSeconds(30), duration), 4);
        assertThat(reasons(Listening.send(server, other.token(), List.of(genuine)))).containsExactly(
                Map.entry("FOREIGN_DEVICE", 1L));
        // The other device's own receipt for a track it never downloaded.
        Map<String, Object> ungranted = other.receipt(Listening.play(m.trackId(), t.plusSeconds(40), duration), 1);
        assertThat(reasons(Listening.send(server, other.token(), List.of(ungranted)))).containsExactly(
                Map.entry("NO_GRANT", 1L));
        // A stream URL cannot be made for another account's device, nor a download without a device.
        ProblemAssert.assertProblem(server.get("/api/v1/tracks/" + m.trackId() + "/stream-url?device="
                + owner.deviceId(), other.token()), 422, "validation");
        ProblemAssert.assertProblem(server.get("/api/v1/tracks/" + m.trackId() + "/stream-url?offline=true",
                other.token()), 422, "validation");

        JsonNode settlement = settle(server);

        assertThat(settlement.get("plays").asLong()).isZero();
        assertThat(artistEarned(server, m)).isZero();
        assertThat(artistReasons(server, m)).containsOnly(Map.entry("BAD_RECEIPT", 3L),
                Map.entry("FOREIGN_DEVICE", 1L), Map.entry("NO_GRANT", 1L));
        // The genuine receipt still pays once its own device sends it.
        assertThat(reasons(Listening.send(server, owner.token(), List.of(owner.receipt(Listening.play(m.trackId(),
                t.plusSeconds(50), duration), 5))))).containsExactly(Map.entry("QUALIFIED", 1L));
        assertThat(settle(server).get("plays").asLong()).isEqualTo(1);
        MoneyInvariants.check(server, admin(server));
    }
}
