package dance.normal.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Api;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.ServerProcess;
import dance.normal.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 500 listeners try to buy one token each of a 100-token offering at the same moment: exactly 100 are sold, the
 * winners paid once, the others nothing; then the server's audit finds every invariant holding.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PurchaseConcurrencyIT {

    private static final int BUYERS = 500;
    private static final int SUPPLY = 100;
    private static final long PRICE = 10_000;
    private static final long FUNDS = 1_000_000;

    @Test
    void onSqliteExactlyTheSupplyIsSold() throws Exception {
        try (TestServer server = TestServer.start()) {
            Market market = Market.open(server, SUPPLY, PRICE, 1_000, null);

            race(market, i -> server);

            MoneyInvariants.check(server, Files.readString(server.dataDir().resolve("admin-token")).strip());
        }
    }

    @Test
    void withTwoServerProcessesOnOnePostgresExactlyTheSupplyIsSold() throws Exception {
        String db = Databases.newPostgresDatabase();
        Path dirA = Files.createTempDirectory("nd-pg-a-");
        Path dirB = Files.createTempDirectory("nd-pg-b-");
        try (ServerProcess a = ServerProcess.start(dirA, List.of(), "--db", db);
             ServerProcess b = ServerProcess.start(dirB, List.of(), "--db", db)) {
            Market market = Market.open(a, SUPPLY, PRICE, 1_000, null);

            race(market, i -> i % 2 == 0 ? a : b);

            MoneyInvariants.check(a, ServerProcess.ADMIN_TOKEN);
            MoneyInvariants.check(b, ServerProcess.ADMIN_TOKEN);
        }
    }

    /** Funds and quotes {@link #BUYERS} buyers, then sends every purchase at once; checks the outcome. */
    private static void race(Market market, IntFunction<Api> serverFor) throws Exception {
        List<Buyer> buyers = new ArrayList<>();
        List<JsonNode> quotes = new ArrayList<>();
        try (ExecutorService setup = Executors.newFixedThreadPool(8)) {
            List<Future<Buyer>> made = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                Api api = serverFor.apply(i);
                made.add(setup.submit(() -> {
                    Buyer buyer = Buyer.signUp(api);
                    buyer.fund(FUNDS);
                    return buyer;
                }));
            }
            for (Future<Buyer> f : made) {
                buyers.add(f.get());
            }
            for (Buyer buyer : buyers) {
                HttpResponse<String> q = buyer.quote(market.trackId(), 1);
                assertThat(q.statusCode()).as(q.body()).isEqualTo(201);
                quotes.add(TestServer.json(q));
            }
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService racers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < BUYERS; i++) {
                Buyer buyer = buyers.get(i);
                JsonNode quote = quotes.get(i);
                String signature = buyer.sign(quote);
                answers.add(racers.submit(() -> {
                    go.await();
                    return buyer.purchase(quote.get("id").asText(), signature, UUID.randomUUID().toString());
                }));
            }
            go.countDown();
        }
        int completed = 0;
        int soldOut = 0;
        List<String> other = new ArrayList<>();
        List<Buyer> winners = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            HttpResponse<String> r = answers.get(i).get();
            if (r.statusCode() == 201) {
                completed++;
                winners.add(buyers.get(i));
            } else if (r.statusCode() == 409 && r.body().contains("sold-out")) {
                soldOut++;
            } else {
                other.add(r.statusCode() + " " + r.body());
            }
        }
        assertThat(other).as("answers other than bought or sold out").isEmpty();
        assertThat(completed).isEqualTo(SUPPLY);
        assertThat(soldOut).isEqualTo(BUYERS - SUPPLY);
        JsonNode offering = TestServer.json(serverFor.apply(0).get("/api/v1/offerings/" + market.trackId(), null));
        assertThat(offering.get("sold").asLong()).isEqualTo(SUPPLY);
        assertThat(offering.get("available").asLong()).isZero();
        long held = 0;
        for (Buyer buyer : buyers) {
            long holding = buyer.holding(market.trackId());
            held += holding;
            assertThat(buyer.balance()).as("balance of a buyer holding %d", holding)
                    .isEqualTo(FUNDS - holding * PRICE);
        }
        assertThat(held).isEqualTo(SUPPLY);
        assertThat(winners).allSatisfy(w -> assertThat(w.holding(market.trackId())).isEqualTo(1));
    }
}
