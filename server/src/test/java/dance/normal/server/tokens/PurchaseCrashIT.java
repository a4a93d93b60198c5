package dance.normal.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Market;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.ServerProcess;
import dance.normal.server.support.TestServer;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server process dies at each step of the purchase saga (a fault point halts it, as a power cut would). After a
 * restart the purchase is finished exactly once: the buyer paid once, holds the tokens once, the artist was paid
 * once, and the same request again returns the receipt.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PurchaseCrashIT {

    private static final List<String> STEPS = List.of("purchase.accepted", "purchase.reserved", "purchase.debited",
            "purchase.delivered", "purchase.recorded", "purchase.completed");
    private static final long PRICE = 250_000;

    @Test
    void aCrashAtEachStepEndsWithOnePurchaseDoneOnce() throws Exception {
        Path dir = Files.createTempDirectory("nd-crash-");
        Market market;
        Buyer buyer;
        try (ServerProcess server = ServerProcess.start(dir, List.of())) {
            market = Market.open(server, 100, PRICE, 1_000, null);
            buyer = Buyer.signUp(server);
            buyer.fund(100_000_000);
        }
        long expectedHolding = 0;
        for (String step : STEPS) {
            long quantity = STEPS.indexOf(step) + 1;
            String key = UUID.randomUUID().toString();
            JsonNode quote;
            try (ServerProcess dying = ServerProcess.start(dir, List.of("-Dnd.faultPoint=" + step))) {
                Buyer atDying = buyer.on(dying);
                quote = TestServer.json(atDying.quote(market.trackId(), quantity));
                assertThatThrownBy(() -> atDying.purchase(quote, key)).as("the process dies at " + step)
                        .isInstanceOf(UncheckedIOException.class);
                assertThat(dying.awaitExit(Duration.ofSeconds(30))).isEqualTo(137);
            }
            expectedHolding += quantity;
            try (ServerProcess restarted = ServerProcess.start(dir, List.of())) {
                Buyer again = buyer.on(restarted);
                HttpResponse<String> answer = again.purchase(quote, key);

                assertThat(answer.statusCode()).as("after a crash at %s: %s", step, answer.body()).isEqualTo(201);
                JsonNode receipt = TestServer.json(answer).get("receipt");
                assertThat(receipt.get("quantity").asLong()).isEqualTo(quantity);
                assertThat(again.holding(market.trackId())).as("tokens after a crash at %s", step)
                        .isEqualTo(expectedHolding);
                assertThat(again.balance()).as("balance after a crash at %s", step)
                        .isEqualTo(100_000_000 - expectedHolding * PRICE);
                assertThat(again.get("/api/v1/me/purchases").get("purchases")).hasSize(STEPS.indexOf(step) + 1)
                        .allSatisfy(p -> assertThat(p.get("state").asText()).isEqualTo("COMPLETED"));
                JsonNode artist = TestServer.json(restarted.get("/api/v1/artists/me/earnings",
                        market.artistToken()));
                assertThat(artist.get("availableMicros").asLong()).isEqualTo(expectedHolding * PRICE * 9 / 10);
                MoneyInvariants.check(restarted, ServerProcess.ADMIN_TOKEN);
            }
        }
    }
}
