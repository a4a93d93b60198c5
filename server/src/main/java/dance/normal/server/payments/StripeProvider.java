package dance.normal.server.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.tokens.Topup;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Stripe PaymentIntents over Stripe's HTTP API: one confirmed PaymentIntent per top-up, created with the top-up's id
 * as Stripe's {@code Idempotency-Key}, so a retry after a timeout or a crash never charges twice. Amounts go to
 * Stripe in cents. A card error is a decline; 5xx, 429 and network failures make the provider unavailable (the
 * top-up is queued). {@code requires_action} or {@code processing} leaves the top-up pending until the webhook.
 *
 * <p>For real cards typed by the listener, a top-up can instead be a Checkout Session: Stripe's hosted payment page,
 * opened in the listener's browser; its webhook ({@code checkout.session.*}) ends the top-up. Plain HTTP rather than
 * stripe-java keeps the adapter small and its requests visible to the tests (decision 0025).
 */
public final class StripeProvider implements PaymentProvider {

    /** How long a Checkout page stays open (Stripe allows 30 minutes to 24 hours); then it expires, unpaid. */
    static final Duration CHECKOUT_OPEN_FOR = Duration.ofMinutes(60);
    public static final String RETURN_PATH = "/api/v1/payments/checkout/return";

    private final URI apiBase;
    private final String authorization;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Supplier<URI> serverBase;
    private final Clock clock;

    /**
     * @param apiBase    {@code https://api.stripe.com} in production
     * @param secretKey  the account's secret key ({@code sk_live_...} or {@code sk_test_...}); never logged
     * @param serverBase this server's address as the listener's browser reaches it: Checkout sends the browser back
     *                   to {@link #RETURN_PATH} there
     */
    public StripeProvider(URI apiBase, String secretKey, ObjectMapper json, Supplier<URI> serverBase, Clock clock) {
        this.apiBase = apiBase;
        this.authorization = "Bearer " + secretKey;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.serverBase = serverBase;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public boolean testMode() {
        return authorization.startsWith("Bearer sk_test_");
    }

    /**
     * A {@code pm_...} token; with a live key not Stripe's test tokens (such as {@code pm_card_visa}, what the test
     * card numbers map to), which only test mode can charge.
     */
    @Override
    public boolean accepts(String method) {
        return method.equals(Topup.CHECKOUT) || method.startsWith("pm_") && (testMode()
                || !method.startsWith("pm_card_"));
    }

    @Override
    public Charge charge(String idempotencyKey, long amountMicros, String method, String topupId) {
        if (amountMicros % 10_000 != 0) {
            throw new IllegalArgumentException("Stripe charges whole cents");
        }
        if (method.equals(Topup.CHECKOUT)) {
            return checkout(idempotencyKey, amountMicros, topupId);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("amount", Long.toString(amountMicros / 10_000));
        form.put("currency", "usd");
        form.put("payment_method", method);
        form.put("confirm", "true");
        form.put("automatic_payment_methods[enabled]", "true");
        form.put("automatic_payment_methods[allow_redirects]", "never");
        form.put("metadata[topup_id]", topupId);
        form.put("description", "Normal Dance balance top-up");
        Reply reply = send(post("/v1/payment_intents", idempotencyKey, form));
        if (reply.status() == 200) {
            return fromIntent(reply.body());
        }
        JsonNode error = reply.body().path("error");
        if (error.path("type").asText().equals("card_error")) {
            String reference = error.path("payment_intent").path("id").asText(null);
            return new Charge(Status.DECLINED, reference, declineSentence(error));
        }
        throw refused(reply);
    }

    /**
     * A Checkout Session in payment mode for one line, "Normal Dance balance top-up", in cents; the top-up's id rides
     * along as {@code client_reference_id} and in the metadata of the session and of its PaymentIntent, so every
     * webhook names it. The session's page is where the listener types a card (any card, 3-D Secure included).
     */
    private Charge checkout(String idempotencyKey, long amountMicros, String topupId) {
        // Appended, not resolved: a public URL may carry a path (https://example.org/music) that must stay.
        URI back = URI.create(serverBase.get().toString().replaceAll("/+$", "") + RETURN_PATH);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "payment");
        form.put("line_items[0][price_data][currency]", "usd");
        form.put("line_items[0][price_data][unit_amount]", Long.toString(amountMicros / 10_000));
        form.put("line_items[0][price_data][product_data][name]", "Normal Dance balance top-up");
        form.put("line_items[0][quantity]", "1");
        form.put("client_reference_id", topupId);
        form.put("metadata[topup_id]", topupId);
        form.put("payment_intent_data[metadata][topup_id]", topupId);
        form.put("payment_intent_data[description]", "Normal Dance balance top-up");
        form.put("success_url", back + "?result=paid");
        form.put("cancel_url", back + "?result=cancelled");
        form.put("expires_at", Long.toString(clock.instant().plus(CHECKOUT_OPEN_FOR).getEpochSecond()));
        Reply reply = send(post("/v1/checkout/sessions", idempotencyKey, form));
        if (reply.status() != 200) {
            throw refused(reply);
        }
        Charge charge = fromSession(reply.body());
        String url = reply.body().path("url").asText("");
        if (charge.status() == Status.PENDING && !url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalStateException("Stripe answered a Checkout Session without a page address");
        }
        return charge;
    }

    /**
     * A Checkout Session's state as a charge outcome: paid (or nothing to pay) when complete, declined when expired,
     * pending (with the page's address while it is open) otherwise.
     */
    static Charge fromSession(JsonNode session) {
        String id = session.path("id").asText();
        String intent = session.path("payment_intent").asText("");
        String reference = intent.startsWith("pi_") ? intent : id;
        String paid = session.path("payment_status").asText("");
        return switch (session.path("status").asText()) {
            case "complete" -> paid.equals("paid") || paid.equals("no_payment_required")
                    ? new Charge(Status.SUCCEEDED, reference, null)
                    : new Charge(Status.PENDING, id, null);
            case "expired" -> new Charge(Status.DECLINED, id, "The payment page closed before a payment was made.");
            default -> new Charge(Status.PENDING, id, null, session.path("url").asText(null));
        };
    }

    /** Retrieves the PaymentIntent {@code pi_...} (or the Checkout Session {@code cs_...}) and reads its status. */
    @Override
    public Optional<Charge> lookup(String reference) {
        boolean session = reference.matches("cs_[A-Za-z0-9_]{1,200}");
        if (!session && !reference.matches("pi_[A-Za-z0-9_]{1,200}")) {
            return Optional.empty();
        }
        Reply reply = send(get((session ? "/v1/checkout/sessions/" : "/v1/payment_intents/") + reference));
        if (reply.status() != 200) {
            throw refused(reply);
        }
        return Optional.of(session ? fromSession(reply.body()) : fromIntent(reply.body()));
    }

    private HttpRequest post(String path, String idempotencyKey, Map<String, String> form) {
        return HttpRequest.newBuilder(apiBase.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization)
                .header("Idempotency-Key", idempotencyKey)
                .header("Stripe-Version", "2024-06-20")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(apiBase.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization).header("Stripe-Version", "2024-06-20").GET().build();
    }

    private record Reply(int status, JsonNode body) {
    }

    /** Sends a request; an unreachable Stripe, a 5xx, a 429 or a body that is not JSON make Stripe unavailable. */
    private Reply send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnavailableException("Stripe could not be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while calling Stripe", e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new ProviderUnavailableException("Stripe answered " + status);
        }
        try {
            return new Reply(status, json.readTree(response.body()));
        } catch (IOException e) {
            throw new ProviderUnavailableException("Stripe sent something that is not JSON (status " + status + ")",
                    e);
        }
    }

    private static IllegalStateException refused(Reply reply) {
        JsonNode error = reply.body().path("error");
        return new IllegalStateException("Stripe refused the request (" + reply.status() + " "
                + error.path("type").asText("unknown") + "): " + error.path("message").asText(""));
    }

    /** A PaymentIntent's status as a charge outcome. */
    static Charge fromIntent(JsonNode intent) {
        String id = intent.path("id").asText();
        return switch (intent.path("status").asText()) {
            case "succeeded" -> new Charge(Status.SUCCEEDED, id, null);
            case "requires_payment_method", "canceled" -> new Charge(Status.DECLINED, id,
                    declineSentence(intent.path("last_payment_error")));
            default -> new Charge(Status.PENDING, id, null);
        };
    }

    private static String declineSentence(JsonNode error) {
        String code = error.path("decline_code").asText(error.path("code").asText(""));
        return switch (code) {
            case "insufficient_funds" -> "Your card has insufficient funds.";
            case "expired_card" -> "Your card has expired.";
            case "incorrect_cvc" -> "Your card's security code is incorrect.";
            default -> "Your card was declined.";
        };
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return "StripeProvider[" + apiBase + "]";
    }
}
