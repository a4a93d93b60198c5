package dance.normal.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dance.normal.server.MoneyConfig;
import dance.normal.server.payments.StripeWebhook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for api.stripe.com on loopback that speaks Stripe Checkout: it creates Checkout Sessions
 * ({@code POST /v1/checkout/sessions}, form-encoded, answering Stripe's session object with a page address),
 * answers their retrieval ({@code GET /v1/checkout/sessions/{id}}), and plays Stripe's part when the listener pays
 * (or lets the page expire): it sends the signed {@code checkout.session.*} event to the server's webhook, with a
 * {@code Stripe-Signature} made with the webhook secret. Payloads are in src/test/resources/stripe.
 */
public final class StripeStandIn implements AutoCloseable {

    public static final String SECRET_KEY = "sk_test_51NormalDanceTestsOnly";
    public static final String WEBHOOK_SECRET = "whsec_normal_dance_tests_only";

    private final HttpServer http;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Map<String, String>> created = new CopyOnWriteArrayList<>();
    private final List<String> retrievals = new CopyOnWriteArrayList<>();
    /** Session id to its top-up id, and to the state a retrieval answers ("open", "complete", "expired"). */
    private final Map<String, String> topups = new ConcurrentHashMap<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();

    private StripeStandIn(int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.createContext("/v1/checkout/sessions", this::sessions);
        http.start();
    }

    public static StripeStandIn start() {
        return start(0);
    }

    /** One on a given loopback port, as when Stripe comes back where a server was told to find it (0: any). */
    public static StripeStandIn start(int port) {
        try {
            return new StripeStandIn(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that point a server's Stripe provider here. */
    public MoneyConfig.Stripe config() {
        return new MoneyConfig.Stripe(URI.create("http://127.0.0.1:" + http.getAddress().getPort()), SECRET_KEY,
                WEBHOOK_SECRET);
    }

    /** The sessions created, as the form fields sent, plus {@code @Idempotency-Key} and {@code @Authorization}. */
    public List<Map<String, String>> created() {
        return created;
    }

    /** The paths of session retrievals. */
    public List<String> retrievals() {
        return retrievals;
    }

    /** The session made for {@code topupId}. */
    public Optional<String> sessionOf(String topupId) {
        return topups.entrySet().stream().filter(e -> e.getValue().equals(topupId)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The listener paid on the page: Stripe sends checkout.session.completed (paid); returns the webhook's status. */
    public int pay(String webhookUrl, String topupId) {
        return end(webhookUrl, topupId, "complete", "checkout.session.completed");
    }

    /** The page was left until it expired: Stripe sends checkout.session.expired; returns the webhook's status. */
    public int expire(String webhookUrl, String topupId) {
        return end(webhookUrl, topupId, "expired", "checkout.session.expired");
    }

    /** Changes what a retrieval of the top-up's session answers, without a webhook (as when one is lost). */
    public void settleQuietly(String topupId, String state) {
        states.put(sessionOf(topupId).orElseThrow(), state);
    }

    private int end(String webhookUrl, String topupId, String state, String type) {
        String session = sessionOf(topupId).orElseThrow(() -> new IllegalStateException("no session for "
                + topupId));
        states.put(session, state);
        byte[] event = ("{\"id\":\"evt_" + session.substring(3) + "_" + state + "\",\"object\":\"event\","
                + "\"api_version\":\"2024-06-20\",\"created\":" + Instant.now().getEpochSecond() + ","
                + "\"data\":{\"object\":" + payload(session) + "},\"livemode\":false,\"pending_webhooks\":1,"
                + "\"type\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8);
        long t = Instant.now().getEpochSecond();
        String signature = "t=" + t + ",v1=" + HexFormat.of().formatHex(StripeWebhook.sign(
                WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), t, event));
        try {
            return client.send(HttpRequest.newBuilder(URI.create(webhookUrl))
                    .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void sessions(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("GET")) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            retrievals.add(path);
            if (!states.containsKey(id)) {
                respond(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                        + "\"message\":\"No such checkout.session: '" + id + "'\"}}");
                return;
            }
            respond(exchange, 200, payload(id));
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        form.put("@Idempotency-Key", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        form.put("@Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        created.add(form);
        String topupId = form.getOrDefault("client_reference_id", "");
        // Stripe's idempotency: the same key again answers the first session.
        String id = "cs_test_a1" + form.get("@Idempotency-Key").replace("-", "");
        topups.put(id, topupId);
        states.putIfAbsent(id, "open");
        respond(exchange, 200, payload(id));
    }

    private String payload(String session) {
        String file = "/stripe/checkout_session_" + states.get(session) + ".json";
        try (InputStream in = StripeStandIn.class.getResourceAsStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SESSION_ID", session)
                    .replace("TOPUP_ID", topups.get(session));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
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

    @Override
    public void close() {
        http.stop(0);
    }
}
