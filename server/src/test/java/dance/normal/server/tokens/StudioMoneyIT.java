package dance.normal.server.tokens;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.Listening;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Studio's money routes against what really happens: the offering preview is held to the ledger after the same
 * offering is opened, bought and played; earnings by day, holders by pseudonym and the CSV statement come from that
 * ledger. On SQLite and PostgreSQL.
 */
class StudioMoneyIT {

    @RegisterExtension
    final MoneyInvariants invariants = new MoneyInvariants();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void thePreviewIsWhatTheLedgerThenRecordsAndTheStudioShowsIt(Databases.Kind kind) {
        server = invariants.watch(TestServer.start(kind, UnaryOperator.identity()));
        {
            // 10 tokens at $1, half the artist side to holders, at most 4 per fan; the fan asks for 6.
            Map<String, Object> offer = Map.of("supply", 10, "priceMicros", 1_000_000, "holderShareBp", 5_000,
                    "capPerBuyer", 4);
            Market m = Market.open(server, 10, 1_000_000, 5_000, 4L);
            Map<String, Object> ask = new HashMap<>(offer);
            ask.put("tokens", 6);
            HttpResponse<String> r = server.postJson("/api/v1/studio/offerings/preview", m.artistToken(), ask);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode preview = TestServer.json(r);
            assertThat(preview.path("tokens").asLong()).as("capped by the cap").isEqualTo(4);
            JsonNode thousand = preview.path("plays").get(0);
            assertThat(thousand.path("plays").asLong()).isEqualTo(1_000);
            assertThat(preview.path("plays").findValuesAsText("plays")).containsExactly("1000", "10000", "100000");

            // What the fan pays, and the sale's split, as the purchase records it.
            Buyer fan = Buyer.signUp(server);
            fan.fund(10_000_000);
            HttpResponse<String> quote = fan.quote(m.trackId(), 4);
            assertThat(TestServer.json(quote).path("feeMicros").asLong()).isEqualTo(preview.path("feeMicros")
                    .asLong());
            assertThat(fan.buy(m.trackId(), 4).statusCode()).isEqualTo(201);
            assertThat(fan.balance()).isEqualTo(10_000_000 - preview.path("fanPaysMicros").asLong());
            JsonNode sale = TestServer.json(server.get("/api/v1/artists/me/earnings", m.artistToken()))
                    .path("statement").get(0);
            assertThat(sale.path("kind").asText()).isEqualTo("sale");
            assertThat(sale.path("amountMicros").asLong()).isEqualTo(preview.path("artistFromSaleMicros").asLong());
            // Every token held, as the preview's plays assume.
            Buyer second = Buyer.signUp(server);
            Buyer third = Buyer.signUp(server);
            second.fund(10_000_000);
            third.fund(10_000_000);
            assertThat(second.buy(m.trackId(), 4).statusCode()).isEqualTo(201);
            assertThat(third.buy(m.trackId(), 2).statusCode()).isEqualTo(201);

            // 10 real plays, settled: the preview's 1,000 plays scaled down by 100 (the amounts divide exactly).
            Listening.listenAndSend(server, Buyer.signUp(server).token(), m.trackId(), 10, 2_000);
            JsonNode settlement = settle(server);
            assertThat(settlement.path("plays").asLong()).isEqualTo(10);
            long earned = settlement.path("totalMicros").asLong();
            long fanPart = fan.get("/api/v1/me/earnings").path("availableMicros").asLong();
            long holders = fanPart + second.get("/api/v1/me/earnings").path("availableMicros").asLong()
                    + third.get("/api/v1/me/earnings").path("availableMicros").asLong();
            JsonNode artist = TestServer.json(server.get("/api/v1/artists/me/earnings", m.artistToken()));
            long artistPart = artist.path("byTrack").get(0).path("playsMicros").asLong();
            assertThat(earned * 100).isEqualTo(thousand.path("earnedMicros").asLong());
            assertThat(fanPart * 100).isEqualTo(thousand.path("fanMicros").asLong());
            assertThat(holders * 100).isEqualTo(thousand.path("holdersMicros").asLong());
            assertThat(artistPart * 100).isEqualTo(thousand.path("artistMicros").asLong());
            assertThat((earned - holders - artistPart) * 100).isEqualTo(thousand.path("platformMicros").asLong());
            assertThat(fanPart).isPositive();

            // Earnings by day: every day of the period, today last, sales and plays apart.
            HttpResponse<String> w = server.get("/api/v1/studio/earnings?days=7", m.artistToken());
            assertThat(w.statusCode()).as(w.body()).isEqualTo(200);
            JsonNode week = TestServer.json(w);
            assertThat(week.path("byDay")).hasSize(7);
            JsonNode today = week.path("byDay").get(6);
            assertThat(today.path("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            assertThat(today.path("salesMicros").asLong()).isEqualTo(9_000_000);
            assertThat(today.path("playsMicros").asLong()).isEqualTo(artistPart);
            assertThat(week.path("byDay").get(0).path("salesMicros").asLong()).isZero();
            assertThat(week.path("earnedMicros").asLong()).isEqualTo(9_000_000 + artistPart);
            assertThat(week.path("byTrack").get(0).path("trackId").asText()).isEqualTo(m.trackId());
            assertThat(TestServer.json(server.get("/api/v1/studio/earnings", m.artistToken())).path("byDay"))
                    .hasSize(30);
            assertProblem(server.get("/api/v1/studio/earnings?days=0", m.artistToken()), 400, "bad-request");
            assertProblem(server.get("/api/v1/studio/earnings?days=367", m.artistToken()), 400, "bad-request");

            // Holders by pseudonym, with what each earned from this track; no account id or email.
            HttpResponse<String> h = server.get("/api/v1/studio/tracks/" + m.trackId() + "/holders",
                    m.artistToken());
            assertThat(h.statusCode()).as(h.body()).isEqualTo(200);
            JsonNode held = TestServer.json(h);
            assertThat(held.path("supply").asLong()).isEqualTo(10);
            assertThat(held.path("sold").asLong()).isEqualTo(10);
            assertThat(held.path("holderShareBp").asInt()).isEqualTo(5_000);
            List<String> names = held.path("holders").findValuesAsText("name");
            assertThat(names).hasSize(3).allMatch(n -> n.matches("Listener [0-9a-f]{8}"))
                    .doesNotHaveDuplicates();
            assertThat(held.path("holders").findValuesAsText("quantity")).containsExactly("4", "4", "2");
            long fanEarned = 0;
            for (JsonNode holder : held.path("holders")) {
                fanEarned += holder.path("earnedMicros").asLong();
            }
            assertThat(fanEarned).isEqualTo(holders);
            for (Buyer b : List.of(fan, second, third)) {
                assertThat(h.body()).doesNotContain(b.accountId()).doesNotContain(b.email());
            }
            assertThat(server.get("/api/v1/studio/tracks/" + m.trackId() + "/holders", m.artistToken()).body())
                    .as("stable").isEqualTo(h.body());

            // Another artist's track is not there for this artist; a listener is no artist.
            Market other = Market.open(server, 5, 10_000, 0, null);
            assertProblem(server.get("/api/v1/studio/tracks/" + m.trackId() + "/holders", other.artistToken()), 404,
                    "not-found");
            assertProblem(server.get("/api/v1/studio/tracks/" + UUID.randomUUID() + "/holders", m.artistToken()),
                    404, "not-found");
            assertProblem(server.get("/api/v1/studio/tracks/" + m.trackId() + "/holders", fan.token()), 403,
                    "forbidden");
            assertThat(TestServer.json(server.get("/api/v1/studio/tracks/" + other.trackId() + "/holders",
                    other.artistToken())).path("holders")).isEmpty();

            // The statement as CSV: the same lines, exact dollars.
            HttpResponse<String> csv = server.send(server.request("/api/v1/studio/statement.csv")
                    .header("Authorization", "Bearer " + m.artistToken()).GET().build());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/csv"));
            assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                    .startsWith("attachment; filename=\"").endsWith(".csv\""));
            String[] rows = csv.body().split("\r\n");
            JsonNode statement = artist.path("statement");
            assertThat(rows).hasSize(statement.size() + 1);
            assertThat(rows[0]).isEqualTo("seq,at,account,kind,memo,amount_usd,balance_after_usd");
            assertThat(rows[1]).startsWith(statement.get(0).path("seq").asText() + ",")
                    .contains(",artist,sale,").endsWith(",3.600000,3.600000");
            assertThat(rows[rows.length - 1]).contains(",settlement,");
            assertProblem(server.get("/api/v1/studio/statement.csv", fan.token()), 403, "forbidden");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Databases.Kind.class, names = "SQLITE")
    void theStatementFileIsNamedAfterTheServersDayNotTheMachines(Databases.Kind kind) {
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofDays(-400));
        server = TestServer.start(kind, UnaryOperator.identity(), past);
        Market m = Market.open(server, 10, 10_000, 0, null);
        HttpResponse<String> csv = server.send(server.request("/api/v1/studio/statement.csv")
                .header("Authorization", "Bearer " + m.artistToken()).GET().build());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"normal-dance-"
                + "statement-" + LocalDate.ofInstant(past.instant(), ZoneOffset.UTC) + ".csv\"");
    }

    @ParameterizedTest
    @EnumSource(value = Databases.Kind.class, names = "SQLITE")
    void thePreviewRefusesWhatOpeningAnOfferingRefusesNamingTheField(Databases.Kind kind) {
        server = TestServer.start(kind, UnaryOperator.identity());
        {
            Market m = Market.open(server, 10, 10_000, 0, null);
            String trackId = TrackUploads.upload(server, m.artistToken(), Fixtures.audio("mp3", 2, "Second Song"),
                    Map.of("title", "Second Song")).path("id").asText();
            List<Map<String, Object>> bad = new ArrayList<>();
            bad.add(offer(0, 10_000, 0, null));
            bad.add(offer(10, 15_000, 0, null));
            bad.add(offer(10, 10_000, 5_001, null));
            bad.add(offer(10, 10_000, 0, 11L));
            List<String> fields = List.of("supply", "priceMicros", "holderShareBp", "capPerBuyer");
            for (int i = 0; i < bad.size(); i++) {
                Map<String, Object> ask = new HashMap<>(bad.get(i));
                ask.put("tokens", 1);
                JsonNode previewed = assertProblem(server.postJson("/api/v1/studio/offerings/preview",
                        m.artistToken(), ask), 422, "validation");
                Map<String, Object> open = new HashMap<>(bad.get(i));
                open.put("trackId", trackId);
                JsonNode opened = assertProblem(server.postJson("/api/v1/offerings", m.artistToken(), open), 422,
                        "validation");
                assertThat(previewed.path("detail").asText()).startsWith(fields.get(i))
                        .isEqualTo(opened.path("detail").asText());
            }
            Map<String, Object> none = new HashMap<>(offer(10, 10_000, 0, null));
            none.put("tokens", 0);
            assertThat(assertProblem(server.postJson("/api/v1/studio/offerings/preview", m.artistToken(), none),
                    422, "validation").path("detail").asText()).startsWith("tokens");
            assertProblem(server.postJson("/api/v1/studio/offerings/preview", server.listenerToken(),
                    offer(10, 10_000, 0, null)), 403, "forbidden");
        }
    }

    private static Map<String, Object> offer(long supply, long price, int share, Long cap) {
        Map<String, Object> o = new HashMap<>(Map.of("supply", supply, "priceMicros", price, "holderShareBp",
                share));
        if (cap != null) {
            o.put("capPerBuyer", cap);
        }
        return o;
    }

    private static JsonNode settle(TestServer server) {
        HttpResponse<String> r = server.send(server.request("/api/v1/admin/settlements")
                .header("Authorization", "Bearer " + server.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r);
    }
}
