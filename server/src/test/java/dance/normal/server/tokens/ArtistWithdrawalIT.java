package dance.normal.server.tokens;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.chain.Chain;
import dance.normal.server.db.Database;
import dance.normal.server.ledger.Accounts;
import dance.normal.server.ledger.Ledger;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An artist withdraws what their music earned ({@code from: "artist"}): the artist account pays, a payout the chain
 * refuses for good comes back to that same account, and a listener has no artist account to ask for. The chain pays
 * or refuses as told (the ledger chain always pays); on SQLite and PostgreSQL.
 */
class ArtistWithdrawalIT {

    @RegisterExtension
    final MoneyInvariants invariants = new MoneyInvariants();

    private final AtomicReference<Chain.Delivery> payout = new AtomicReference<>();
    private TestServer server;
    private Database database;

    private final Chain toldChain = new Chain() {
        @Override
        public String name() {
            return "ledger";
        }

        @Override
        public MintAccounts openOffering(String trackId, long supply) {
            return new MintAccounts(null, null);
        }

        @Override
        public Delivery deliver(TokenTransfer transfer) {
            return new Delivery.Done("ledger:" + transfer.id());
        }

        @Override
        public Delivery payOut(String id, long micros, String wallet) {
            Delivery told = payout.get();
            return told != null ? told : new Delivery.Done("ledger:" + id);
        }
    };

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anArtistWithdrawsSalesFromTheArtistAccountAndARefusedPayoutComesBackThere(Databases.Kind kind) {
        server = invariants.watch(TestServer.start(kind, UnaryOperator.identity(), db -> {
            database = db;
            return toldChain;
        }));
        Buyer artist = Buyer.signUp(server, "artist");
        Market m = Market.open(server, artist.token(), 10, 1_000_000, 0, null);
        Buyer fan = Buyer.signUp(server);
        fan.fund(10_000_000);
        assertThat(fan.buy(m.trackId(), 2).statusCode()).isEqualTo(201);
        JsonNode before = studioEarnings(artist);
        assertThat(before.path("availableMicros").asLong()).isEqualTo(1_800_000);
        assertThat(artist.get("/api/v1/me/earnings").path("availableMicros").asLong()).isZero();

        // Paid from the artist account; the same key and body again is the same withdrawal.
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = withdrawal(artist, key, 500_000, "artist");
        HttpResponse<String> paid = artist.send("/api/v1/me/withdrawals", body, key);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(TestServer.json(paid).path("state").asText()).isEqualTo("PAID");
        assertThat(TestServer.json(paid).path("availableAfterMicros").asLong()).isEqualTo(1_300_000);
        assertThat(TestServer.json(artist.send("/api/v1/me/withdrawals", body, key)).path("id").asText())
                .isEqualTo(TestServer.json(paid).path("id").asText());
        JsonNode after = studioEarnings(artist);
        assertThat(after.path("availableMicros").asLong()).isEqualTo(1_300_000);
        assertThat(after.path("withdrawnMicros").asLong()).isEqualTo(500_000);
        assertThat(after.path("earnedMicros").asLong()).isEqualTo(1_800_000);
        JsonNode line = newestLine(artist);
        assertThat(line.path("kind").asText()).isEqualTo("withdrawal");
        assertThat(line.path("amountMicros").asLong()).isEqualTo(-500_000);
        assertThat(line.path("memo").asText()).startsWith("Paid $0.50 of artist earnings to wallet ");
        assertThat(artist.get("/api/v1/me/earnings").path("availableMicros").asLong()).isZero();
        assertThat(withdrawalsAccount()).isEqualTo(500_000);

        // The same key for another source or amount is another withdrawal: refused, nothing moves.
        assertProblem(artist.send("/api/v1/me/withdrawals", withdrawal(artist, key, 500_000, "earnings"), key), 422,
                "idempotency-key-reused");
        assertProblem(artist.send("/api/v1/me/withdrawals", withdrawal(artist, key, 400_000, "artist"), key), 422,
                "idempotency-key-reused");

        // More than the artist account holds: 402 naming that account's balance.
        String big = UUID.randomUUID().toString();
        JsonNode tooMuch = assertProblem(artist.send("/api/v1/me/withdrawals",
                withdrawal(artist, big, 2_000_000, "artist"), big), 402, "insufficient-funds");
        assertThat(tooMuch.path("detail").asText())
                .isEqualTo("You have $1.30 of artist earnings to withdraw; nothing was paid out.");
        // Without from, the holder's own (empty) earnings pay, as before issue 16.
        String plain = UUID.randomUUID().toString();
        JsonNode empty = assertProblem(artist.send("/api/v1/me/withdrawals", Map.of("amountMicros", 100_000,
                "wallet", artist.address(), "signature", artist.signWithdrawal(plain, 100_000)), plain), 402,
                "insufficient-funds");
        assertThat(empty.path("detail").asText()).isEqualTo("You have $0.00 of earnings to withdraw; nothing was "
                + "paid out.");
        String odd = UUID.randomUUID().toString();
        assertProblem(artist.send("/api/v1/me/withdrawals", withdrawal(artist, odd, 100_000, "treasury"), odd),
                422, "validation");

        // The chain refuses for good: the money comes back to the artist account, not to earnings.
        payout.set(new Chain.Delivery.Failed("the payout token is frozen"));
        String refusedKey = UUID.randomUUID().toString();
        HttpResponse<String> refused = artist.send("/api/v1/me/withdrawals",
                withdrawal(artist, refusedKey, 300_000, "artist"), refusedKey);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
        assertThat(TestServer.json(refused).path("state").asText()).isEqualTo("FAILED");
        assertThat(TestServer.json(refused).path("availableAfterMicros").asLong()).isEqualTo(1_300_000);
        JsonNode returned = studioEarnings(artist);
        assertThat(returned.path("availableMicros").asLong()).isEqualTo(1_300_000);
        assertThat(returned.path("withdrawnMicros").asLong()).isEqualTo(500_000);
        JsonNode reversal = newestLine(artist);
        assertThat(reversal.path("kind").asText()).isEqualTo("withdrawal-reversed");
        assertThat(reversal.path("memo").asText()).startsWith("Returned $0.30 to artist earnings: the payout failed");
        assertThat(artist.get("/api/v1/me/earnings").path("availableMicros").asLong()).isZero();
        assertThat(withdrawalsAccount()).isEqualTo(500_000);
        assertThat(TestServer.json(server.get("/api/v1/admin/ledger/verify", server.adminToken())).path("ok")
                .asBoolean()).isTrue();

        // A listener has no artist account to withdraw from.
        String listenerKey = UUID.randomUUID().toString();
        assertProblem(fan.send("/api/v1/me/withdrawals", withdrawal(fan, listenerKey, 100_000, "artist"),
                listenerKey), 403, "forbidden");
    }

    private static Map<String, Object> withdrawal(Buyer who, String key, long micros, String from) {
        return Map.of("amountMicros", micros, "wallet", who.address(), "signature", who.signWithdrawal(key, micros),
                "from", from);
    }

    /** The artist account's newest statement line (the statement is oldest first). */
    private JsonNode newestLine(Buyer artist) {
        JsonNode statement = TestServer.json(server.get("/api/v1/artists/me/earnings", artist.token()))
                .path("statement");
        return statement.get(statement.size() - 1);
    }

    private JsonNode studioEarnings(Buyer artist) {
        HttpResponse<String> r = server.get("/api/v1/studio/earnings?days=7", artist.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    private long withdrawalsAccount() {
        return database.jdbi().withHandle(h -> Ledger.balance(h, Accounts.WITHDRAWALS));
    }
}
