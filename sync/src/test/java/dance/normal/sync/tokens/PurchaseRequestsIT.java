package dance.normal.sync.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dance.normal.protocol.auth.LoginRequest;
import dance.normal.protocol.tokens.Quote;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.TestServer;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.TokenStore;
import dance.normal.sync.outbox.Outbox;
import dance.normal.sync.outbox.OutboxEntry;
import dance.normal.sync.store.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Purchases asked for offline go through the outbox to the real server: once, within the agreed price. */
class PurchaseRequestsIT {

    private static TestServer server;

    @RegisterExtension
    final MoneyInvariants invariants = new MoneyInvariants();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPurchaseAskedForOfflineIsMadeOnceWhenTheServerIsBackEvenIfDeliveredTwice() {
        invariants.watch(server);
        Market market = Market.open(server, 20, 500_000, 1_000, null);
        Buyer buyer = Buyer.signUp(server);
        buyer.fund(5_000_000);
        Path file = dir.resolve("library.db");
        String key;
        try (LocalStore store = LocalStore.open(file);
             ApiClient offline = new ApiClient(URI.create("http://127.0.0.1:9/"), TokenStore.inMemory())) {
            Outbox outbox = new Outbox(store, offline, Clock.systemUTC());
            key = new PurchaseRequests(store, outbox, offline, signer(buyer)).request(market.trackId(), 2, 1_000_000);
            assertThat(outbox.deliver().reachedServer()).isFalse();
            assertThat(outbox.pending()).isEqualTo(1);
        }
        assertThat(buyer.holding(market.trackId())).isZero();

        try (LocalStore store = LocalStore.open(file); ApiClient api = signedIn(buyer)) {
            Outbox outbox = new Outbox(store, api, Clock.systemUTC());
            new PurchaseRequests(store, outbox, api, signer(buyer));
            Outbox.Round round = outbox.deliver();
            assertThat(round.delivered()).isEqualTo(1);
            assertThat(outbox.entries()).isEmpty();
            assertThat(buyer.holding(market.trackId())).isEqualTo(2);
            assertThat(buyer.balance()).isEqualTo(4_000_000);

            // The process died after the server's answer and before the entry was removed: it is there again.
            store.write(c -> {
                outbox.add(c, OutboxEntry.Kind.PURCHASE, "purchase:" + key, key,
                        new PurchaseRequests.Request(market.trackId(), 2, 1_000_000));
                return null;
            });
            assertThat(outbox.deliver().delivered()).isEqualTo(1);
        }
        assertThat(buyer.holding(market.trackId())).isEqualTo(2);
        assertThat(buyer.balance()).isEqualTo(4_000_000);
        assertThat(buyer.get("/api/v1/me/purchases").get("purchases")).hasSize(1);
    }

    @Test
    void aPurchaseWhosePriceRosePastWhatWasAgreedIsNotMadeAndIsReported() {
        invariants.watch(server);
        Market market = Market.open(server, 20, 500_000, 1_000, null);
        Market soldOut = Market.open(server, 1, 10_000, 0, null);
        Buyer buyer = Buyer.signUp(server);
        Buyer rival = Buyer.signUp(server);
        buyer.fund(5_000_000);
        rival.fund(5_000_000);
        try (LocalStore store = LocalStore.open(dir.resolve("price.db")); ApiClient api = signedIn(buyer)) {
            Outbox outbox = new Outbox(store, api, Clock.systemUTC());
            PurchaseRequests purchases = new PurchaseRequests(store, outbox, api, signer(buyer));
            purchases.request(market.trackId(), 3, 1_000_000);
            purchases.request(soldOut.trackId(), 1, 10_000);
            assertThat(rival.buy(soldOut.trackId(), 1).statusCode()).isEqualTo(201);

            Outbox.Round round = outbox.deliver();

            assertThat(round.settled()).isEqualTo(2);
            assertThat(outbox.entries()).extracting(OutboxEntry::state)
                    .containsExactly(OutboxEntry.State.FAILED, OutboxEntry.State.FAILED);
            assertThat(outbox.entries().get(0).lastError())
                    .isEqualTo("Not bought: 3 tokens now cost $1.50, more than the $1.00 you agreed to.");
            assertThat(outbox.entries().get(1).lastError()).isEqualTo("This track's tokens are sold out.");
        }
        assertThat(buyer.balance()).isEqualTo(5_000_000);
        assertThat(buyer.holding(market.trackId())).isZero();
    }

    /** The buyer's wallet, as the app's wallet-core signer would be. */
    private static QuoteSigner signer(Buyer buyer) {
        return new QuoteSigner() {
            @Override
            public String wallet() {
                return buyer.address();
            }

            @Override
            public String sign(Quote quote) {
                return buyer.sign(TestServer.JSON.valueToTree(quote));
            }
        };
    }

    private static ApiClient signedIn(Buyer buyer) {
        ApiClient api = new ApiClient(URI.create(server.url("/")), TokenStore.inMemory());
        api.signIn(new LoginRequest(buyer.email(), "correct horse battery".toCharArray()));
        return api;
    }
}
