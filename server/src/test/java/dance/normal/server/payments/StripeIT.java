package dance.normal.server.payments;

import static dance.normal.server.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dance.normal.server.MoneyConfig;
import dance.normal.server.chain.LedgerChain;
import dance.normal.server.db.Database;
import dance.normal.server.support.Buyer;
import dance.normal.server.support.Databases;
import dance.normal.server.support.MoneyInvariants;
import dance.normal.server.support.StripeStandIn;
import dance.normal.server.support.TestClock;
import dance.normal.server.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Stripe adapter against a stand-in for api.stripe.com on loopback that answers with Stripe's payloads
 * (src/test/resources/stripe), and Stripe's signed webhooks.
 */
class StripeIT {

    private static final String SECRET_KEY = "sk_test_51NormalDanceTestsOnly";
    private static final String LIVE_KEY = "sk_live_51NormalDanceNeverARealKey";
    private static final String WEBHOOK_SECRET = "whsec_normal_dance_tests_only";

    @RegisterExtension
    final MoneyInvariants invariants = new MoneyInvariants();

    /** What the stand-in answers: a status and a payload file, or 503 when null. */
    private final AtomicReference<Map.Entry<Integer, String>> answer = new AtomicReference<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    /** PaymentIntent retrievals (path and Authorization) and the payload they answer with. */
    private final List<String> retrievals = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> retrieved = new AtomicReference<>("payment_intent_requires_action.json");
    private final AtomicReference<Database> database = new AtomicReference<>();
    private HttpServer stripe;
    private TestServer server;

    @BeforeEach
    void startStripe() throws IOException {
        stripe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stripe.createContext("/v1/payment_intents", exchange -> {
            if (exchange.getRequestMethod().equals("GET")) {
                retrievals.add(exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
                respond(exchange, 200, payload(retrieved.get(), ""));
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            form.put("@Idempotency-Key", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            form.put("@Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(form);
            Map.Entry<Integer, String> a = answer.get();
            byte[] body = a == null ? "{\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}"
                    .getBytes(StandardCharsets.UTF_8)
                    : payload(a.getValue(), form.get("metadata[topup_id]")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a == null ? 503 : a.getKey(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stripe.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        stripe.stop(0);
    }

    private TestServer start(List<String> providers) {
        return start(providers, SECRET_KEY, true, null);
    }

    private TestServer start(List<String> providers, String secretKey, boolean allowTestMoney, Clock clock) {
        return start(Databases.Kind.SQLITE, providers, secretKey, allowTestMoney, clock);
    }

    private TestServer start(Databases.Kind kind, List<String> providers, String secretKey, boolean allowTestMoney,
                             Clock clock) {
        URI base = URI.create("http://127.0.0.1:" + stripe.getAddress().getPort());
        server = TestServer.start(kind, c -> c.withMoney(c.money().withPayments(providers,
                Optional.of(new MoneyConfig.Stripe(base, secretKey, WEBHOOK_SECRET)))
                .withAllowTestMoney(allowTestMoney)), db -> {
                    database.set(db);
                    return new LedgerChain();
                }, clock);
        return invariants.watch(server);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aWebhookWhoseSettlingFailedIsSettledWhenStripeSendsItAgain(Databases.Kind kind) throws Exception {
        start(kind, List.of("stripe"), SECRET_KEY, true, null);
        Buyer buyer = Buyer.signUp(server);
        answer.set(Map.entry(200, "payment_intent_requires_action.json"));
        String topupId = TestServer.json(buyer.topUp(20_000_000, "pm_card_visa")).get("id").asText();
        byte[] event = payload("event_payment_intent_succeeded.json", topupId).getBytes(StandardCharsets.UTF_8);
        // A real database failure while settling, on demand: a trigger that refuses the top-up's move to SUCCEEDED.
        sql(kind == Databases.Kind.SQLITE
                ? List.of("CREATE TRIGGER settle_fails BEFORE UPDATE OF state ON topups "
                        + "WHEN NEW.state = 'SUCCEEDED' BEGIN SELECT RAISE(ABORT, 'the disk is full (test)'); END")
                : List.of("CREATE FUNCTION settle_fails() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN RAISE EXCEPTION 'the disk is full (test)'; END $$",
                        "CREATE TRIGGER settle_fails BEFORE UPDATE ON topups FOR EACH ROW "
                                + "WHEN (NEW.state = 'SUCCEEDED') EXECUTE FUNCTION settle_fails()"));
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> failed = webhook(event, signature(event, now));

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
        assertThat(buyer.balance()).isZero();
        sql(List.of(kind == Databases.Kind.SQLITE ? "DROP TRIGGER settle_fails"
                : "DROP TRIGGER settle_fails ON topups"));

        HttpResponse<String> retried = webhook(event, signature(event, now + 60));
        HttpResponse<String> again = webhook(event, signature(event, now + 120));

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(TestServer.json(retried).get("duplicate").asBoolean()).as("Stripe's retry is handled").isFalse();
        assertThat(buyer.balance()).isEqualTo(20_000_000);
        assertThat(buyer.get("/api/v1/me/topups/" + topupId).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(TestServer.json(again).get("duplicate").asBoolean()).isTrue();
        assertThat(buyer.balance()).isEqualTo(20_000_000);
    }

    @Test
    void aPendingTopUpWhoseWebhookNeverComesIsSettledByAskingStripe() {
        TestClock clock = TestClock.stopped();
        start(List.of("stripe"), SECRET_KEY, true, clock);
        TopupService topups = server.server().money().topups();
        Buyer buyer = Buyer.signUp(server);
        answer.set(Map.entry(200, "payment_intent_requires_action.json"));
        String id = TestServer.json(buyer.topUp(20_000_000, "pm_card_visa")).get("id").asText();

        topups.reconcilePending();
        assertThat(retrievals).as("a fresh pending top-up waits for its webhook").isEmpty();
        clock.advance(TopupService.RECONCILE_AFTER.plusSeconds(1));
        topups.reconcilePending();
        assertThat(retrievals).containsExactly("/v1/payment_intents/pi_3QxZm7LkdIwHu7ix1ThreeDs Bearer "
                + SECRET_KEY);
        assertThat(buyer.get("/api/v1/me/topups/" + id).get("state").asText()).isEqualTo("PENDING");
        topups.reconcilePending();
        assertThat(retrievals).as("still pending: asked again only after another while").hasSize(1);

        retrieved.set("payment_intent_succeeded.json");
        clock.advance(TopupService.RECONCILE_AFTER.plusSeconds(1));
        topups.reconcilePending();

        assertThat(retrievals).hasSize(2);
        assertThat(buyer.get("/api/v1/me/topups/" + id).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(buyer.balance()).isEqualTo(20_000_000);
        topups.reconcilePending();
        assertThat(retrievals).as("a settled top-up is not asked about").hasSize(2);
    }

    @Test
    void aCheckoutTopUpAnswersStripesPageAndTheSignedWebhookCompletesIt() {
        try (StripeStandIn stand = StripeStandIn.start()) {
            server = invariants.watch(TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(c.money()
                    .withPayments(List.of("stripe", "test-card"), Optional.of(stand.config())))));
            Buyer buyer = Buyer.signUp(server);

            HttpResponse<String> r = buyer.topUp(20_000_000, "checkout");

            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            JsonNode topup = TestServer.json(r);
            String id = topup.get("id").asText();
            String session = stand.sessionOf(id).orElseThrow();
            assertThat(topup.get("state").asText()).isEqualTo("PENDING");
            assertThat(topup.get("provider").asText()).isEqualTo("stripe");
            assertThat(topup.get("checkoutUrl").asText()).isEqualTo("https://checkout.stripe.com/c/pay/" + session
                    + "#fidkdWxOYHwnPyd1blpxYHZxWjA0TormalDance");
            assertThat(topup.get("notice").asText()).contains("Stripe's page");
            assertThat(stand.created()).singleElement().satisfies(f -> assertThat(f)
                    .containsEntry("mode", "payment")
                    .containsEntry("line_items[0][price_data][currency]", "usd")
                    .containsEntry("line_items[0][price_data][unit_amount]", "2000")
                    .containsEntry("line_items[0][quantity]", "1")
                    .containsEntry("client_reference_id", id)
                    .containsEntry("metadata[topup_id]", id)
                    .containsEntry("payment_intent_data[metadata][topup_id]", id)
                    .containsEntry("success_url", server.url(StripeProvider.RETURN_PATH) + "?result=paid")
                    .containsEntry("cancel_url", server.url(StripeProvider.RETURN_PATH) + "?result=cancelled")
                    .containsEntry("@Idempotency-Key", id)
                    .containsEntry("@Authorization", "Bearer " + StripeStandIn.SECRET_KEY));
            assertThat(buyer.get("/api/v1/me/topups/" + id).get("checkoutUrl").asText()).contains(session);
            assertThat(buyer.balance()).isZero();

            assertThat(stand.pay(server.url("/api/v1/payments/stripe/webhook"), id)).isEqualTo(200);

            JsonNode done = buyer.get("/api/v1/me/topups/" + id);
            assertThat(done.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(done.get("checkoutUrl").isNull()).isTrue();
            assertThat(buyer.balance()).isEqualTo(20_000_000);
            HttpResponse<String> back = server.send(server.request(StripeProvider.RETURN_PATH + "?result=paid")
                    .GET().build());
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(back.body()).contains("go back to the app");
        }
    }

    @Test
    void behindAProxyStripeSendsTheBrowserBackToThePublicUrlNotToTheServersOwnAddress() {
        try (StripeStandIn stand = StripeStandIn.start()) {
            server = invariants.watch(TestServer.start(Databases.Kind.SQLITE, c -> c
                    .withHttp(c.http().withPublicUrl(URI.create("https://music.example.org/nd/")))
                    .withMoney(c.money().withPayments(List.of("stripe"), Optional.of(stand.config())))));
            Buyer buyer = Buyer.signUp(server);

            HttpResponse<String> r = buyer.topUp(20_000_000, "checkout");

            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(stand.created()).singleElement().satisfies(f -> assertThat(f)
                    .containsEntry("success_url", "https://music.example.org/nd" + StripeProvider.RETURN_PATH
                            + "?result=paid")
                    .containsEntry("cancel_url", "https://music.example.org/nd" + StripeProvider.RETURN_PATH
                            + "?result=cancelled"));
        }
    }

    @Test
    void aCheckoutPageThatExpiresEndsTheTopUpDeclinedWithNothingAdded() {
        try (StripeStandIn stand = StripeStandIn.start()) {
            server = invariants.watch(TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(c.money()
                    .withPayments(List.of("stripe"), Optional.of(stand.config())))));
            Buyer buyer = Buyer.signUp(server);
            String id = TestServer.json(buyer.topUp(20_000_000, "checkout")).get("id").asText();

            assertThat(stand.expire(server.url("/api/v1/payments/stripe/webhook"), id)).isEqualTo(200);

            JsonNode ended = buyer.get("/api/v1/me/topups/" + id);
            assertThat(ended.get("state").asText()).isEqualTo("DECLINED");
            assertThat(ended.get("failure").asText()).isEqualTo("The payment page closed before a payment was made.");
            assertThat(buyer.balance()).isZero();
            // Paying after all (a late event for an ended top-up) adds nothing.
            stand.pay(server.url("/api/v1/payments/stripe/webhook"), id);
            assertThat(buyer.balance()).isZero();
        }
    }

    @Test
    void aCheckoutWhoseWebhookIsLostIsSettledByRetrievingTheSession() {
        TestClock clock = TestClock.stopped();
        try (StripeStandIn stand = StripeStandIn.start()) {
            server = invariants.watch(TestServer.start(Databases.Kind.SQLITE, c -> c.withMoney(c.money()
                    .withPayments(List.of("stripe"), Optional.of(stand.config()))), null, clock));
            Buyer buyer = Buyer.signUp(server);
            String id = TestServer.json(buyer.topUp(20_000_000, "checkout")).get("id").asText();
            stand.settleQuietly(id, "complete");

            clock.advance(TopupService.RECONCILE_AFTER.plusSeconds(1));
            server.server().money().topups().reconcilePending();

            assertThat(stand.retrievals()).containsExactly("/v1/checkout/sessions/" + stand.sessionOf(id)
                    .orElseThrow());
            assertThat(buyer.get("/api/v1/me/topups/" + id).get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(buyer.balance()).isEqualTo(20_000_000);
        }
    }

    private void sql(List<String> statements) {
        database.get().jdbi().useHandle(h -> {
            try (Statement st = h.getConnection().createStatement()) {
                for (String sql : statements) {
                    st.execute(sql);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void theTestCardBesideALiveStripeKeyRefusesToStartUnlessTestMoneyIsAllowed() {
        assertThatThrownBy(() -> start(List.of("stripe", "test-card"), LIVE_KEY, false, null))
                .hasMessageContaining("live Stripe key").hasMessageContaining("--allow-test-money");
        start(List.of("stripe"), LIVE_KEY, false, null);
        assertThat(Buyer.signUp(server).balance()).as("live Stripe alone starts").isZero();
    }

    @Test
    void withALiveKeyTheTestCardNeverTakesOverARealCardWhenStripeIsDown() {
        start(List.of("stripe", "test-card"), LIVE_KEY, true, null);
        Buyer buyer = Buyer.signUp(server);
        answer.set(null);

        HttpResponse<String> r = buyer.topUp(1_000_000_000, "pm_1QxZm7LkdIwHu7ixRealCard");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(TestServer.json(r).get("state").asText()).isEqualTo("QUEUED");
        assertThat(TestServer.json(r).get("testMode").asBoolean()).isFalse();
        assertThat(requests).as("Stripe was asked, and nobody else charged it").hasSize(1);
        assertThat(buyer.balance()).isZero();
        // The test card is still the test card (allowed explicitly), and never reaches live Stripe.
        HttpResponse<String> test = buyer.topUp(5_000_000, Buyer.GOOD_CARD);
        assertThat(test.statusCode()).as(test.body()).isEqualTo(201);
        assertThat(TestServer.json(test).get("provider").asText()).isEqualTo("test-card");
        assertThat(TestServer.json(test).get("testMode").asBoolean()).isTrue();
        assertThat(requests).hasSize(1);
    }

    @Test
    void aQueuedTopUpIsTriedAgainWithBackoffUntilStripeIsBack() {
        TestClock clock = TestClock.stopped();
        start(List.of("stripe"), SECRET_KEY, true, clock);
        TopupService topups = server.server().money().topups();
        Buyer buyer = Buyer.signUp(server);
        answer.set(null);
        HttpResponse<String> r = buyer.topUp(20_000_000, "pm_card_visa");
        assertThat(TestServer.json(r).get("state").asText()).isEqualTo("QUEUED");
        String id = TestServer.json(r).get("id").asText();
        assertThat(requests).hasSize(1);

        topups.retryQueued();
        assertThat(requests).as("not before the first backoff (10 s)").hasSize(1);
        clock.advance(Duration.ofSeconds(10));
        topups.retryQueued();
        assertThat(requests).as("second attempt after 10 s").hasSize(2);
        clock.advance(Duration.ofSeconds(15));
        topups.retryQueued();
        assertThat(requests).as("the next wait is 20 s").hasSize(2);
        clock.advance(Duration.ofSeconds(5));
        topups.retryQueued();
        assertThat(requests).as("third attempt after 20 s more").hasSize(3);
        assertThat(buyer.get("/api/v1/me/topups/" + id).get("state").asText()).isEqualTo("QUEUED");
        assertThat(buyer.get("/api/v1/me/topups/" + id).get("notice").asText()).contains("queued");

        answer.set(Map.entry(200, "payment_intent_succeeded.json"));
        clock.advance(Duration.ofSeconds(40));
        topups.retryQueued();

        assertThat(buyer.get("/api/v1/me/topups/" + id).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(buyer.balance()).isEqualTo(20_000_000);
        assertThat(requests).hasSize(4).allSatisfy(f -> assertThat(f.get("@Idempotency-Key")).isEqualTo(id));
    }

    @Test
    void aTopUpIsOnePaymentIntentInCentsUnderTheTopUpsIdempotencyKey() {
        start(List.of("stripe"));
        Buyer buyer = Buyer.signUp(server);
        answer.set(Map.entry(200, "payment_intent_succeeded.json"));

        HttpResponse<String> r = buyer.topUp(20_000_000, "pm_card_visa");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode topup = TestServer.json(r);
        assertThat(topup.get("provider").asText()).isEqualTo("stripe");
        assertThat(topup.get("testMode").asBoolean()).isTrue();
        assertThat(buyer.balance()).isEqualTo(20_000_000);
        assertThat(requests).hasSize(1);
        Map<String, String> sent = requests.getFirst();
        assertThat(sent).containsEntry("amount", "2000").containsEntry("currency", "usd")
                .containsEntry("payment_method", "pm_card_visa").containsEntry("confirm", "true")
                .containsEntry("metadata[topup_id]", topup.get("id").asText())
                .containsEntry("@Idempotency-Key", topup.get("id").asText())
                .containsEntry("@Authorization", "Bearer " + SECRET_KEY);
    }

    @Test
    void aCardErrorIsADeclineInOneSentenceAndAddsNothing() {
        start(List.of("stripe"));
        Buyer buyer = Buyer.signUp(server);
        answer.set(Map.entry(402, "insufficient_funds.json"));

        JsonNode p = assertProblem(buyer.topUp(5_000_000, "pm_card_visa"), 402, "payment-declined");

        assertThat(p.get("detail").asText()).isEqualTo("Your card has insufficient funds. Nothing was charged.");
        assertThat(buyer.balance()).isZero();
        answer.set(Map.entry(402, "card_declined.json"));
        assertThat(assertProblem(buyer.topUp(5_000_000, "pm_card_visa"), 402, "payment-declined")
                .get("detail").asText()).isEqualTo("Your card was declined. Nothing was charged.");
    }

    @Test
    void aPendingTopUpEndsWithTheSignedWebhookOnceHoweverOftenItComes() {
        start(List.of("stripe"));
        Buyer buyer = Buyer.signUp(server);
        answer.set(Map.entry(200, "payment_intent_requires_action.json"));
        HttpResponse<String> r = buyer.topUp(20_000_000, "pm_card_visa");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String topupId = TestServer.json(r).get("id").asText();
        assertThat(TestServer.json(r).get("state").asText()).isEqualTo("PENDING");
        assertThat(buyer.balance()).isZero();
        byte[] event = payload("event_payment_intent_succeeded.json", topupId).getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        assertProblem(webhook(event, "t=" + now + ",v1=" + "00".repeat(32)), 400, "bad-request");
        assertProblem(webhook(event, null), 400, "bad-request");
        assertProblem(webhook(event, signature(event, now - 3600)), 400, "bad-request");
        assertThat(buyer.balance()).isZero();

        HttpResponse<String> first = webhook(event, signature(event, now));
        HttpResponse<String> again = webhook(event, signature(event, now + 1));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(TestServer.json(first).get("duplicate").asBoolean()).isFalse();
        assertThat(TestServer.json(again).get("duplicate").asBoolean()).isTrue();
        assertThat(buyer.balance()).isEqualTo(20_000_000);
        assertThat(buyer.get("/api/v1/me/topups/" + topupId).get("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void whenStripeIsDownTheTopUpIsQueuedAndGoesThroughOnceItIsBack() throws Exception {
        start(List.of("stripe"));
        Buyer buyer = Buyer.signUp(server);
        answer.set(null);

        HttpResponse<String> queued = buyer.topUp(20_000_000, "pm_card_visa");

        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        JsonNode topup = TestServer.json(queued);
        assertThat(topup.get("state").asText()).isEqualTo("QUEUED");
        assertThat(topup.get("notice").asText()).contains("queued").contains("nothing has been charged");
        assertThat(buyer.balance()).isZero();
        // Three failures open the breaker: further top-ups are queued without calling Stripe.
        buyer.topUp(1_000_000, "pm_card_visa");
        buyer.topUp(1_000_000, "pm_card_visa");
        int calls = requests.size();
        long started = System.nanoTime();
        assertThat(TestServer.json(buyer.topUp(1_000_000, "pm_card_visa")).get("state").asText())
                .isEqualTo("QUEUED");
        assertThat(requests).as("an open breaker does not call Stripe").hasSize(calls);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        answer.set(Map.entry(200, "payment_intent_succeeded.json"));
        Instant deadline = Instant.now().plusSeconds(60);
        while (buyer.balance() != 23_000_000) {
            assertThat(Instant.now()).as("queued top-ups go through by themselves").isBefore(deadline);
            Thread.sleep(250);
        }
        String id = topup.get("id").asText();
        assertThat(buyer.get("/api/v1/me/topups/" + id).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(requests.stream().filter(f -> id.equals(f.get("@Idempotency-Key"))))
                .as("every attempt for one top-up uses its key").allSatisfy(f ->
                        assertThat(f.get("metadata[topup_id]")).isEqualTo(id));
    }

    @Test
    void providersAreTriedInOrderSoTheTestCardTakesOverWhenStripeIsDown() {
        start(List.of("stripe", "test-card"));
        Buyer buyer = Buyer.signUp(server);
        answer.set(null);

        HttpResponse<String> r = buyer.topUp(5_000_000, Buyer.GOOD_CARD);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(TestServer.json(r).get("provider").asText()).isEqualTo("test-card");
        assertThat(requests).hasSize(1);
        assertThat(buyer.balance()).isEqualTo(5_000_000);
    }

    private HttpResponse<String> webhook(byte[] event, String signature) {
        HttpRequest.Builder b = server.request("/api/v1/payments/stripe/webhook")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(event));
        if (signature != null) {
            b.header("Stripe-Signature", signature);
        }
        return server.send(b.build());
    }

    private static String signature(byte[] event, long timestamp) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(StripeWebhook.sign(
                WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), timestamp, event));
    }

    private static String payload(String file, String topupId) {
        try (InputStream in = StripeIT.class.getResourceAsStream("/stripe/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("TOPUP_ID",
                    topupId == null ? "" : topupId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }
}
