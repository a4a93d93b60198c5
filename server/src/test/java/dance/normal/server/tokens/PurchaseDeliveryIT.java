package dance.normal.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.chain.Chain;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deliveries the chain cannot make right away or ever. The ledger chain always delivers, so these use a chain that
 * answers as told: the one fake in these tests, for faults a real chain cannot produce on demand.
 */
class PurchaseDeliveryIT {

    @RegisterExtension
    final MoneyInvariants invariants = new MoneyInvariants();

    private final AtomicReference<Chain.Delivery> next = new AtomicReference<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private TestServer server;

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
            attempts.incrementAndGet();
            return next.get();
        }

        @Override
        public Delivery payOut(String id, long micros, String wallet) {
            return new Delivery.Done("ledger:" + id);
        }
    };

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDeliveryThatFailsForGoodIsRefundedInFull() {
        server = invariants.watch(TestServer.start(Databases.Kind.SQLITE, UnaryOperator.identity(), db -> toldChain));
        Market m = Market.open(server, 10, 500_000, 1_000, null);
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(2_000_000);
        next.set(new Chain.Delivery.Failed("the mint is frozen"));

        HttpResponse<String> answer = buyer.buy(m.trackId(), 2);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode purchase = TestServer.json(answer);
        assertThat(purchase.get("state").asText()).isEqualTo("REFUNDED");
        assertThat(purchase.get("failure").asText())
                .isEqualTo("The tokens could not be delivered, so your money was returned to your balance.");
        assertThat(buyer.balance()).isEqualTo(2_000_000);
        assertThat(buyer.holding(m.trackId())).isZero();
        JsonNode offering = TestServer.json(server.get("/api/v1/offerings/" + m.trackId(), null));
        assertThat(offering.get("available").asLong()).isEqualTo(10);
        assertThat(offering.get("sold").asLong()).isZero();
        JsonNode ledger = buyer.get("/api/v1/me/ledger").get("entries");
        assertThat(ledger.get(0).get("kind").asText()).isEqualTo("refund");
        assertThat(ledger.get(0).get("amountMicros").asLong()).isEqualTo(1_000_000);
        assertThat(ledger.get(1).get("kind").asText()).isEqualTo("purchase");
    }

    @Test
    void aDeliveryThatMustWaitAnswers202AndFinishesByItselfOnce() throws Exception {
        server = invariants.watch(TestServer.start(Databases.Kind.SQLITE, UnaryOperator.identity(), db -> toldChain));
        Market m = Market.open(server, 10, 500_000, 1_000, null);
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(2_000_000);
        next.set(new Chain.Delivery.Pending("the cluster is congested"));
        JsonNode quote = TestServer.json(buyer.quote(m.trackId(), 3));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> waiting = buyer.purchase(quote, key);

        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
        JsonNode purchase = TestServer.json(waiting);
        assertThat(purchase.get("state").asText()).isEqualTo("DEBITED");
        assertThat(buyer.balance()).isEqualTo(500_000);
        assertThat(buyer.holding(m.trackId())).isZero();

        next.set(new Chain.Delivery.Done("tx-after-congestion"));
        String id = purchase.get("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!buyer.get("/api/v1/me/purchases/" + id).get("state").asText().equals("COMPLETED")) {
            assertThat(Instant.now()).as("the background job finishes the purchase").isBefore(deadline);
            Thread.sleep(200);
        }
        JsonNode done = buyer.get("/api/v1/me/purchases/" + id);
        assertThat(done.get("chainRef").asText()).isEqualTo("tx-after-congestion");
        assertThat(buyer.holding(m.trackId())).isEqualTo(3);
        assertThat(buyer.balance()).isEqualTo(500_000);
        HttpResponse<String> repeated = buyer.purchase(quote, key);
        assertThat(repeated.statusCode()).isEqualTo(201);
        assertThat(TestServer.json(repeated).get("receipt").get("holdingAfter").asLong()).isEqualTo(3);
        int deliveredAfter = attempts.get();
        // Run the background job's pass now rather than wait for its next turn: a completed purchase is not resumed.
        assertThat(server.server().money().purchases().resumeAll()).as("purchases resumed").isZero();
        assertThat(attempts.get()).as("no delivery attempt after completion").isEqualTo(deliveredAfter);
    }
}
