package dance.normal.server.tokens;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.auth.AdminAuth;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Listening;
import dance.normal.server.support.Fixtures;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.TestServer;
import dance.normal.server.support.TrackUploads;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Offerings, top-ups, quotes, purchases, settlement and withdrawals through the HTTP API, on SQLite. */
class TokensIT {

    @RegisterExtension
    final MoneyInvariants invariants = new MoneyInvariants();

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private TestServer server() {
        return invariants.watch(server);
    }

    @Test
    void artistOpensAnOfferingThatListenersCanSee() {
        Market m = Market.open(server(), 1_000, 250_000, 2_000, 50L);

        JsonNode offering = TestServer.json(server.get("/api/v1/offerings/" + m.trackId(), null));
        assertThat(offering.get("supply").asLong()).isEqualTo(1_000);
        assertThat(offering.get("priceMicros").asLong()).isEqualTo(250_000);
        assertThat(offering.get("holderShareBp").asInt()).isEqualTo(2_000);
        assertThat(offering.get("capPerBuyer").asLong()).isEqualTo(50);
        assertThat(offering.get("sold").asLong()).isZero();
        assertThat(offering.get("available").asLong()).isEqualTo(1_000);
        assertThat(offering.get("chain").asText()).isEqualTo("ledger");

        Map<String, Object> again = Map.of("trackId", m.trackId(), "supply", 10, "priceMicros", 10_000,
                "holderShareBp", 0);
        assertProblem(server.postJson("/api/v1/offerings", m.artistToken(), again), 409, "conflict");
        assertProblem(server.postJson("/api/v1/offerings", server.listenerToken(), again), 403, "forbidden");
        String otherArtist = server.signup("artist").get("accessToken").asText();
        assertProblem(server.postJson("/api/v1/offerings", otherArtist, again), 403, "forbidden");
        assertProblem(server.get("/api/v1/offerings/" + UUID.randomUUID(), null), 404, "not-found");
    }

    @Test
    void anOfferingOutsideTheRulesIsRefusedWithTheRuleInWords() {
        JsonNode artist = server().signup("artist");
        String token = artist.get("accessToken").asText();
        String trackId = TrackUploads.upload(server, token, Fixtures.audio("mp3", 2, "Rules")).get("id").asText();
        List<Map<String, Object>> bad = List.of(
                Map.of("trackId", trackId, "supply", 0, "priceMicros", 10_000, "holderShareBp", 0),
                Map.of("trackId", trackId, "supply", 10, "priceMicros", 12_345, "holderShareBp", 0),
                Map.of("trackId", trackId, "supply", 10, "priceMicros", 10_000, "holderShareBp", 5_001),
                Map.of("trackId", trackId, "supply", 10, "priceMicros", 10_000, "holderShareBp", 0, "capPerBuyer",
                        11));
        for (Map<String, Object> body : bad) {
            JsonNode p = assertProblem(server.postJson("/api/v1/offerings", token, body), 422, "validation");
            assertThat(p.get("detail").asText()).endsWith(".");
        }
        assertProblem(server.get("/api/v1/offerings/" + trackId, null), 404, "not-found");
    }

    @Test
    void topUpWithTheTestCardAddsToTheBalanceOncePerKey() {
        Buyer buyer = Buyer.signUp(server());
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = buyer.topUp(20_000_000, Buyer.GOOD_CARD, key);
        HttpResponse<String> again = buyer.topUp(20_000_000, Buyer.GOOD_CARD, key);

        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode topup = TestServer.json(first);
        assertThat(topup.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(topup.get("testMode").asBoolean()).isTrue();
        assertThat(topup.get("notice").asText()).contains("Not for production");
        assertThat(topup.get("method").asText()).isEqualTo("test card ending 4242");
        assertThat(topup.get("balanceMicros").asLong()).isEqualTo(20_000_000);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(TestServer.json(again).get("id").asText()).isEqualTo(topup.get("id").asText());
        assertThat(buyer.balance()).isEqualTo(20_000_000);
        assertProblem(buyer.topUp(30_000_000, Buyer.GOOD_CARD, key), 422, "idempotency-key-reused");
        assertThat(buyer.get("/api/v1/me/topups/" + topup.get("id").asText()).get("state").asText())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aDeclinedCardOrABadRequestAddsNothing() {
        Buyer buyer = Buyer.signUp(server());

        JsonNode declined = assertProblem(buyer.topUp(5_000_000, Buyer.DECLINED_CARD), 402, "payment-declined");
        assertThat(declined.get("detail").asText()).isEqualTo("Your card was declined. Nothing was charged.");
        assertProblem(buyer.topUp(5_000_000, "4111 1111 1111 1111"), 422, "validation");
        assertProblem(buyer.topUp(500_000, Buyer.GOOD_CARD), 422, "validation");
        assertProblem(buyer.topUp(5_000_001, Buyer.GOOD_CARD), 422, "validation");
        assertProblem(buyer.send("/api/v1/me/topups", Map.of("amountMicros", 5_000_000, "paymentMethod",
                Buyer.GOOD_CARD), null), 400, "bad-request");

        assertThat(buyer.balance()).isZero();
    }

    @Test
    void aPurchaseTakesExactlyThePriceDeliversTheTokensAndPaysTheArtistNinetyPercent() {
        Market m = Market.open(server(), 100, 1_500_000, 2_000, null);
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(10_000_000);

        JsonNode quote = TestServer.json(buyer.quote(m.trackId(), 3));
        assertThat(quote.get("priceMicros").asLong()).isEqualTo(4_500_000);
        assertThat(quote.get("feeMicros").asLong()).isEqualTo(450_000);
        assertThat(quote.get("artistMicros").asLong()).isEqualTo(4_050_000);
        assertThat(quote.get("totalMicros").asLong()).isEqualTo(4_500_000);
        // 3 of 100 tokens x 20% of the artist's 90% = 0.54% of the track's play revenue.
        assertThat(quote.get("revenueSharePpm").asLong()).isEqualTo(5_400);
        assertThat(quote.get("wallet").asText()).isEqualTo(buyer.address());
        assertThat(quote.get("text").asText()).contains("Buy 3 tokens of \"Token Song\"").contains("Pay $4.50");
        assertThat(Instant.parse(quote.get("expiresAt").asText())).isAfter(Instant.now());

        String key = UUID.randomUUID().toString();
        HttpResponse<String> bought = buyer.purchase(quote, key);

        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        JsonNode purchase = TestServer.json(bought);
        assertThat(purchase.get("state").asText()).isEqualTo("COMPLETED");
        JsonNode receipt = purchase.get("receipt");
        assertThat(receipt.get("quantity").asLong()).isEqualTo(3);
        assertThat(receipt.get("totalMicros").asLong()).isEqualTo(4_500_000);
        assertThat(receipt.get("holdingAfter").asLong()).isEqualTo(3);
        assertThat(receipt.get("balanceAfterMicros").asLong()).isEqualTo(5_500_000);
        assertThat(receipt.get("trackTitle").asText()).isEqualTo("Token Song");
        assertThat(buyer.balance()).isEqualTo(5_500_000);
        assertThat(buyer.holding(m.trackId())).isEqualTo(3);
        JsonNode offering = TestServer.json(server.get("/api/v1/offerings/" + m.trackId(), null));
        assertThat(offering.get("sold").asLong()).isEqualTo(3);
        assertThat(offering.get("available").asLong()).isEqualTo(97);
        JsonNode artist = TestServer.json(server.get("/api/v1/artists/me/earnings", m.artistToken()));
        assertThat(artist.get("availableMicros").asLong()).isEqualTo(4_050_000);
        assertThat(artist.get("byTrack").get(0).get("salesMicros").asLong()).isEqualTo(4_050_000);

        // The same request again returns the first answer and charges nothing more.
        HttpResponse<String> repeated = buyer.purchase(quote, key);
        assertThat(repeated.statusCode()).isEqualTo(201);
        assertThat(repeated.body()).isEqualTo(bought.body());
        assertThat(buyer.balance()).isEqualTo(5_500_000);
        // Another key for a used quote is refused; the key with another quote too.
        assertProblem(buyer.purchase(quote, UUID.randomUUID().toString()), 409, "conflict");
        JsonNode other = TestServer.json(buyer.quote(m.trackId(), 1));
        assertProblem(buyer.purchase(other, key), 422, "idempotency-key-reused");

        JsonNode ledger = buyer.get("/api/v1/me/ledger");
        assertThat(ledger.get("entries").get(0).get("kind").asText()).isEqualTo("purchase");
        assertThat(ledger.get("entries").get(0).get("amountMicros").asLong()).isEqualTo(-4_500_000);
        assertThat(ledger.get("entries").get(1).get("kind").asText()).isEqualTo("topup");
        assertThat(buyer.get("/api/v1/me/purchases/" + purchase.get("id").asText()).get("state").asText())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aWrongSignatureChargesNothingAndTheSameKeyThenWorksWithTheRightOne() {
        Market m = Market.open(server(), 10, 100_000, 0, null);
        Buyer buyer = Buyer.signUp(server);
        Buyer stranger = Buyer.signUp(server);
        buyer.fund(1_000_000);
        JsonNode quote = TestServer.json(buyer.quote(m.trackId(), 2));
        String key = UUID.randomUUID().toString();

        assertProblem(buyer.purchase(quote.get("id").asText(), stranger.sign(quote), key), 403, "signature-invalid");
        assertProblem(buyer.purchase(quote.get("id").asText(), "not-base58-0OIl", key), 403, "signature-invalid");
        assertProblem(stranger.purchase(quote, UUID.randomUUID().toString()), 404, "not-found");
        assertThat(buyer.balance()).isEqualTo(1_000_000);

        assertThat(buyer.purchase(quote, key).statusCode()).isEqualTo(201);
        assertThat(buyer.balance()).isEqualTo(800_000);
    }

    @Test
    void anExpiredQuoteIsRefusedAndTheSameKeyThenWorksWithANewQuote() throws Exception {
        Market m = Market.open(server(), 10, 100_000, 0, null);
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(1_000_000);
        JsonNode quote = TestServer.json(buyer.quote(m.trackId(), 1));
        // Two minutes pass: the quote's expiry is moved into the past in the server's own database.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("normal-dance.db"));
             PreparedStatement ps = c.prepareStatement("UPDATE quotes SET expires_at = 1 WHERE id = ?")) {
            ps.setString(1, quote.get("id").asText());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        String key = UUID.randomUUID().toString();

        JsonNode expired = assertProblem(buyer.purchase(quote, key), 409, "quote-expired");

        assertThat(expired.get("detail").asText()).isEqualTo("This quote has expired; ask for a new one. Nothing was "
                + "charged.");
        assertThat(buyer.balance()).isEqualTo(1_000_000);
        assertThat(buyer.purchase(TestServer.json(buyer.quote(m.trackId(), 1)), key).statusCode()).isEqualTo(201);
        assertThat(buyer.balance()).isEqualTo(900_000);
    }

    @Test
    void notEnoughMoneyIsRefusedWithTheBalanceAndReservesNothing() {
        Market m = Market.open(server(), 10, 2_000_000, 0, null);
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(3_000_000);
        JsonNode quote = TestServer.json(buyer.quote(m.trackId(), 2));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> refused = buyer.purchase(quote, key);

        JsonNode problem = assertProblem(refused, 402, "insufficient-funds");
        assertThat(problem.get("detail").asText()).isEqualTo(
                "Your balance is $3.00 and this costs $4.00; top up and try again. Nothing was charged.");
        assertThat(buyer.purchase(quote, key).body()).isEqualTo(refused.body());
        assertThat(buyer.balance()).isEqualTo(3_000_000);
        assertThat(TestServer.json(server.get("/api/v1/offerings/" + m.trackId(), null)).get("available").asLong())
                .isEqualTo(10);
    }

    @Test
    void neverSellsMoreThanTheSupplyOrPastTheCap() {
        Market m = Market.open(server(), 5, 10_000, 0, 3L);
        Buyer first = Buyer.signUp(server);
        Buyer second = Buyer.signUp(server);
        first.fund(1_000_000);
        second.fund(1_000_000);

        assertThat(first.buy(m.trackId(), 3).statusCode()).isEqualTo(201);
        assertProblem(first.buy(m.trackId(), 1), 409, "cap-reached");
        assertProblem(second.buy(m.trackId(), 3), 409, "sold-out");
        assertThat(second.buy(m.trackId(), 2).statusCode()).isEqualTo(201);
        JsonNode soldOut = assertProblem(second.quote(m.trackId(), 1), 409, "sold-out");
        assertThat(soldOut.get("detail").asText()).isEqualTo("This track's tokens are sold out.");
        assertThat(first.holding(m.trackId()) + second.holding(m.trackId())).isEqualTo(5);
    }

    @Test
    void aQuoteNeedsARegisteredWallet() {
        Market m = Market.open(server(), 5, 10_000, 0, null);
        String noWallet = server.listenerToken();
        JsonNode p = assertProblem(server.postJson("/api/v1/quotes", noWallet, Map.of("trackId", m.trackId(),
                "quantity", 1)), 409, "conflict");
        assertThat(p.get("detail").asText()).contains("register this device's wallet");
        Buyer buyer = Buyer.signUp(server);
        assertProblem(server.postJson("/api/v1/quotes", buyer.token(), Map.of("trackId", m.trackId(), "quantity", 1,
                "wallet", Buyer.signUp(server).address())), 403, "forbidden");
        assertProblem(buyer.quote(m.trackId(), 0), 422, "validation");
        assertProblem(buyer.quote("not-a-track", 1), 422, "validation");
    }

    @Test
    void settlementPaysHoldersByTokensHeldAndTheArtistTheRestToTheMicroDollar() throws Exception {
        // 100 tokens, holders get 20% of the artist side. A holds 10, B holds 30.
        Market m = Market.open(server(), 100, 10_000, 2_000, null);
        Buyer a = Buyer.signUp(server);
        Buyer b = Buyer.signUp(server);
        a.fund(1_000_000);
        b.fund(1_000_000);
        assertThat(a.buy(m.trackId(), 10).statusCode()).isEqualTo(201);
        assertThat(b.buy(m.trackId(), 30).statusCode()).isEqualTo(201);
        settle(); // earlier tests' plays are settled first, so this test's settlement holds only its own
        Buyer listener = Buyer.signUp(server);
        play(listener, m.trackId(), 7, 2_000);
        play(listener, m.trackId(), 2, 100); // too short to qualify

        JsonNode settlement = settle();

        // 7 plays x 4,000 = 28,000: platform 2,800; artist side 25,200; pool 20% = 5,040;
        // A 10/100 = 504, B 30/100 = 1,512; the artist 25,200 - 2,016 = 23,184 (unsold tokens' part included).
        assertThat(settlement.get("plays").asLong()).isEqualTo(7);
        assertThat(settlement.get("totalMicros").asLong()).isEqualTo(28_000);
        assertThat(a.get("/api/v1/me/earnings").get("availableMicros").asLong()).isEqualTo(504);
        assertThat(b.get("/api/v1/me/earnings").get("availableMicros").asLong()).isEqualTo(1_512);
        JsonNode artist = TestServer.json(server.get("/api/v1/artists/me/earnings", m.artistToken()));
        assertThat(artist.get("byTrack").get(0).get("playsMicros").asLong()).isEqualTo(23_184);
        assertThat(artist.get("byTrack").get(0).get("salesMicros").asLong()).isEqualTo(360_000);
        assertThat(artist.get("availableMicros").asLong()).isEqualTo(383_184);
        JsonNode holdings = a.get("/api/v1/me/holdings").get("holdings");
        assertThat(holdings.get(0).get("earnedMicros").asLong()).isEqualTo(504);
        JsonNode line = a.get("/api/v1/me/earnings").get("statement").get(0);
        assertThat(line.get("kind").asText()).isEqualTo("settlement");
        assertThat(line.get("memo").asText()).contains("7 plays of \"Token Song\"").contains("20.0%");

        // Each play is paid once.
        assertThat(settle().get("plays").asLong()).isZero();
        assertThat(a.get("/api/v1/me/earnings").get("earnedMicros").asLong()).isEqualTo(504);
    }

    @Test
    void aHolderWithdrawsEarningsToTheirWalletOncePerKey() throws Exception {
        Market m = Market.open(server(), 10, 10_000, 5_000, null);
        Buyer holder = Buyer.signUp(server);
        holder.fund(1_000_000);
        assertThat(holder.buy(m.trackId(), 10).statusCode()).isEqualTo(201);
        settle();
        for (int listener = 0; listener < 5; listener++) { // 20 a day each, the most one listener's plays pay
            play(Buyer.signUp(server), m.trackId(), 20, 2_000);
        }
        settle();
        // 100 x 4,000 = 400,000; artist side 360,000; holders 50% = 180,000, all 10 tokens held by this holder.
        assertThat(holder.get("/api/v1/me/earnings").get("availableMicros").asLong()).isEqualTo(180_000);

        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("amountMicros", 150_000, "wallet", holder.address(), "signature",
                holder.signWithdrawal(key, 150_000));
        assertProblem(holder.send("/api/v1/me/withdrawals", Map.of("amountMicros", 150_000, "wallet",
                holder.address(), "signature", holder.signWithdrawal(key, 100_000)), key), 403, "signature-invalid");
        HttpResponse<String> paid = holder.send("/api/v1/me/withdrawals", body, key);
        HttpResponse<String> again = holder.send("/api/v1/me/withdrawals", body, key);

        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(TestServer.json(paid).get("availableAfterMicros").asLong()).isEqualTo(30_000);
        assertThat(TestServer.json(again).get("id").asText()).isEqualTo(TestServer.json(paid).get("id").asText());
        JsonNode earnings = holder.get("/api/v1/me/earnings");
        assertThat(earnings.get("availableMicros").asLong()).isEqualTo(30_000);
        assertThat(earnings.get("withdrawnMicros").asLong()).isEqualTo(150_000);
        String key2 = UUID.randomUUID().toString();
        JsonNode tooMuch = assertProblem(holder.send("/api/v1/me/withdrawals", Map.of("amountMicros", 40_000,
                "wallet", holder.address(), "signature", holder.signWithdrawal(key2, 40_000)), key2), 402,
                "insufficient-funds");
        assertThat(tooMuch.get("detail").asText()).isEqualTo("You have $0.03 of earnings to withdraw; nothing was "
                + "paid out.");
    }

    @Test
    void theAdminAuditNeedsTheAdminTokenAndSaysAllIsWell() throws IOException {
        assertProblem(server().get("/api/v1/admin/ledger/verify", null), 401, "unauthenticated");
        assertProblem(server.get("/api/v1/admin/ledger/verify", server.listenerToken()), 401, "unauthenticated");

        JsonNode report = TestServer.json(server.get("/api/v1/admin/ledger/verify", adminToken()));

        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("problems")).isEmpty();
    }

    private static String adminToken() throws IOException {
        return Files.readString(server.dataDir().resolve(AdminAuth.FILE)).strip();
    }

    private static JsonNode settle() throws IOException {
        HttpResponse<String> r = server.send(server.request("/api/v1/admin/settlements")
                .header("Authorization", "Bearer " + adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r);
    }

    /** {@code count} plays as the app makes them: each streamed, then sent once the time played has passed. */
    private static void play(Buyer listener, String trackId, int count, long playedMs) {
        Listening.listenAndSend(server, listener.token(), trackId, count, playedMs);
    }
}
