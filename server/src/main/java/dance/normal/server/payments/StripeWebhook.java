package dance.normal.server.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.ProblemType;
import dance.normal.server.http.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe's webhook: checks the {@code Stripe-Signature} header (HMAC-SHA256 of "timestamp.payload" with the
 * endpoint's signing secret, at most five minutes old), handles each event id once, and ends pending top-ups.
 */
public final class StripeWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhook.class);
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] signingSecret;
    private final Jdbi jdbi;
    private final TopupService topups;
    private final PaymentEventRepository events = new PaymentEventRepository();
    private final ObjectMapper json;
    private final Clock clock;

    public StripeWebhook(byte[] signingSecret, Jdbi jdbi, TopupService topups, ObjectMapper json, Clock clock) {
        this.signingSecret = signingSecret.clone();
        this.jdbi = jdbi;
        this.topups = topups;
        this.json = json;
        this.clock = clock;
    }

    /** Handles one delivery; returns false when this event was handled before. */
    public boolean handle(String signatureHeader, byte[] payload) {
        verify(signatureHeader, payload);
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (IOException e) {
            throw ApiException.badRequest("The event is not JSON.");
        }
        String id = event.path("id").asText("");
        String type = event.path("type").asText("");
        if (id.isEmpty() || type.isEmpty()) {
            throw ApiException.badRequest("The event has no id or type.");
        }
        // The event is recorded in the transaction that settles it: if settling fails, neither is kept, the answer
        // is an error, and Stripe's retry of the same event is handled afresh (not answered "duplicate").
        boolean fresh = jdbi.inTransaction(h -> {
            if (!events.record(h, id, "stripe", type, clock.millis())) {
                return false;
            }
            JsonNode object = event.path("data").path("object");
            String topupId = object.path("metadata").path("topup_id").asText("");
            switch (type) {
                case "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled" -> {
                    if (!topupId.isEmpty()) {
                        topups.settle(h, topupId, "stripe", StripeProvider.fromIntent(object));
                    }
                }
                case "checkout.session.completed", "checkout.session.async_payment_succeeded",
                     "checkout.session.expired" -> settleSession(h, object, StripeProvider.fromSession(object));
                case "checkout.session.async_payment_failed" -> settleSession(h, object, new PaymentProvider.Charge(
                        PaymentProvider.Status.DECLINED, object.path("id").asText(),
                        "Your bank did not complete the payment."));
                default -> LOG.debug("Stripe event {} of type {} needs nothing from us", id, type);
            }
            return true;
        });
        if (!fresh) {
            LOG.info("Stripe event {} was handled before; ignored", id);
        }
        return fresh;
    }

    /** Ends the top-up a Checkout Session names (metadata, else client_reference_id), unless it is still going. */
    private void settleSession(Handle h, JsonNode session, PaymentProvider.Charge outcome) {
        String topupId = session.path("metadata").path("topup_id").asText(
                session.path("client_reference_id").asText(""));
        if (!topupId.isEmpty() && outcome.status() != PaymentProvider.Status.PENDING) {
            topups.settle(h, topupId, "stripe", outcome);
        }
    }

    /** Refuses (400) a payload whose signature is missing, wrong or too old. */
    void verify(String header, byte[] payload) {
        if (header == null || header.isBlank()) {
            throw invalid();
        }
        long timestamp = -1;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw invalid();
                }
            } else if (kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (timestamp < 0 || signatures.isEmpty()) {
            throw invalid();
        }
        long age = clock.instant().getEpochSecond() - timestamp;
        if (Math.abs(age) > TOLERANCE.toSeconds()) {
            throw new ApiException(ProblemType.BAD_REQUEST, 400, "The event's signature is too old (" + age
                    + " s); it may be a replay.");
        }
        byte[] expected = sign(signingSecret, timestamp, payload);
        for (String candidate : signatures) {
            byte[] given;
            try {
                given = HexFormat.of().parseHex(candidate);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw invalid();
    }

    /** Stripe's v1 scheme: HMAC-SHA256 over "{timestamp}.{payload}". */
    public static byte[] sign(byte[] secret, long timestamp, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ApiException invalid() {
        return new ApiException(ProblemType.BAD_REQUEST, 400, "The Stripe-Signature header does not match the event.");
    }
}
