package dance.normal.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import dance.normal.protocol.plays.PlayEvent;
import dance.normal.protocol.plays.PlayReceipts;
import dance.normal.protocol.tokens.TokenMessages;
import dance.normal.wallet.keys.Base58;
import dance.normal.wallet.keys.SoftwareSigner;
import dance.normal.wallet.solana.OffchainMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A listener with a wallet, as the app makes one: signed up, the wallet's public key registered as a device, able to
 * top up, ask for quotes and sign them. The wallet checks that the bytes it signs say what the quote says.
 */
public final class Buyer {

    public static final String GOOD_CARD = "4242 4242 4242 4242";
    public static final String DECLINED_CARD = "4000 0000 0000 0002";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Api server;
    private final String token;
    private final String accountId;
    private final String email;
    private final SoftwareSigner wallet;
    private final String deviceId;

    private Buyer(Api server, String token, String accountId, String email, SoftwareSigner wallet, String deviceId) {
        this.server = server;
        this.token = token;
        this.accountId = accountId;
        this.email = email;
        this.wallet = wallet;
        this.deviceId = deviceId;
    }

    public static Buyer signUp(Api server) {
        return signUp(server, "listener");
    }

    /** An account signed up with {@code role} ("listener" or "artist") and a registered wallet. */
    public static Buyer signUp(Api server, String role) {
        JsonNode tokens = server.signup(role);
        String token = tokens.get("accessToken").asText();
        SoftwareSigner wallet = SoftwareSigner.generate(RANDOM);
        HttpResponse<String> device = Devices.register(server, token, wallet, "Test laptop");
        if (device.statusCode() != 201) {
            throw new IllegalStateException("Device registration failed: " + device.body());
        }
        return new Buyer(server, token, tokens.get("me").get("id").asText(), tokens.get("me").get("email").asText(),
                wallet, TestServer.json(device).get("id").asText());
    }

    /** The same listener and wallet talking to another server process (after a restart). */
    public Buyer on(Api other) {
        return new Buyer(other, token, accountId, email, wallet, deviceId);
    }

    /** The id of the device this wallet is registered as. */
    public String deviceId() {
        return deviceId;
    }

    /**
     * {@code play} (as {@link Listening#play} makes it) as this device's signed receipt number {@code counter}, as
     * the app signs a play of a downloaded track.
     */
    public Map<String, Object> receipt(Map<String, Object> play, long counter) {
        return receiptAs(play, counter, deviceId);
    }

    /** A receipt naming {@code device} but signed with this wallet's key (a forgery unless it is this device). */
    public Map<String, Object> receiptAs(Map<String, Object> play, long counter, String device) {
        Map<String, Object> signed = new LinkedHashMap<>(play);
        signed.put("deviceId", device);
        signed.put("counter", counter);
        signed.put("signature", OffchainMessage.sign(wallet, PlayReceipts.applicationDomain(),
                PlayReceipts.message(event(play), device, counter)).signatureBase58());
        return signed;
    }

    /** A play map as the protocol's record. */
    public static PlayEvent event(Map<String, Object> play) {
        return new PlayEvent(UUID.fromString((String) play.get("id")), (String) play.get("trackId"),
                Instant.parse((String) play.get("startedAt")), ((Number) play.get("playedMs")).longValue());
    }

    public String token() {
        return token;
    }

    /** The account's email; its password is "correct horse battery", as for every test account. */
    public String email() {
        return email;
    }

    public String accountId() {
        return accountId;
    }

    public String address() {
        return Base58.encode(wallet.publicKey());
    }

    /** Tops up with a card, under a new Idempotency-Key. */
    public HttpResponse<String> topUp(long micros, String card) {
        return topUp(micros, card, UUID.randomUUID().toString());
    }

    public HttpResponse<String> topUp(long micros, String card, String key) {
        return send("/api/v1/me/topups", Map.of("amountMicros", micros, "paymentMethod", card), key);
    }

    /** Tops up with the good test card and insists it worked. */
    public void fund(long micros) {
        HttpResponse<String> r = topUp(micros, GOOD_CARD);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Top-up failed: " + r.statusCode() + " " + r.body());
        }
    }

    public HttpResponse<String> quote(String trackId, long quantity) {
        return server.postJson("/api/v1/quotes", token, Map.of("trackId", trackId, "quantity", quantity));
    }

    /** The wallet's signature over a quote's message, after checking the message says what the quote says. */
    public String sign(JsonNode quote) {
        byte[] message = Base64.getDecoder().decode(quote.get("message").asText());
        OffchainMessage decoded = OffchainMessage.decode(message);
        if (!decoded.text().equals(quote.get("text").asText())
                || !Arrays.equals(decoded.applicationDomain(), TokenMessages.applicationDomain())) {
            throw new IllegalStateException("The message to sign does not say what the quote says");
        }
        return Base58.encode(wallet.sign(message));
    }

    public HttpResponse<String> purchase(JsonNode quote, String key) {
        return purchase(quote.get("id").asText(), sign(quote), key);
    }

    public HttpResponse<String> purchase(String quoteId, String signature, String key) {
        return send("/api/v1/purchases", Map.of("quoteId", quoteId, "signature", signature), key);
    }

    /** Quote, sign and buy under a new key. */
    public HttpResponse<String> buy(String trackId, long quantity) {
        HttpResponse<String> quote = quote(trackId, quantity);
        if (quote.statusCode() != 201) {
            return quote;
        }
        return purchase(TestServer.json(quote), UUID.randomUUID().toString());
    }

    /** This wallet's signature of a withdrawal, as TokenMessages words it. */
    public String signWithdrawal(String key, long micros) {
        return OffchainMessage.sign(wallet, TokenMessages.applicationDomain(),
                TokenMessages.withdrawal(key, micros, address())).signatureBase58();
    }

    public JsonNode get(String path) {
        HttpResponse<String> r = server.get(path, token);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + " " + r.body());
        }
        return TestServer.json(r);
    }

    public long balance() {
        return get("/api/v1/me/ledger").get("balanceMicros").asLong();
    }

    public long holding(String trackId) {
        for (JsonNode h : get("/api/v1/me/holdings").get("holdings")) {
            if (h.get("trackId").asText().equals(trackId)) {
                return h.get("quantity").asLong();
            }
        }
        return 0;
    }

    public HttpResponse<String> send(String path, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder b = server.request(path).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body)));
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            return server.send(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
