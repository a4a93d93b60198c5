package dance.normal.sync.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.Money;
import dance.normal.protocol.Problem;
import dance.normal.protocol.tokens.Purchase;
import dance.normal.protocol.tokens.PurchaseRequest;
import dance.normal.protocol.tokens.Quote;
import dance.normal.protocol.tokens.QuoteRequest;
import dance.normal.sync.api.ApiClient;
import dance.normal.sync.api.ProblemException;
import dance.normal.sync.outbox.Outbox;
import dance.normal.sync.outbox.OutboxEntry;
import dance.normal.sync.store.LocalStore;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Token purchases asked for while offline (or sent through the outbox so a crash cannot lose or repeat them). The
 * listener agrees to a quantity and the most they will pay; when the server is reachable the outbox asks for a
 * quote, and buys only if the total is within that amount, signing the quote with the device's wallet. The
 * purchase's Idempotency-Key is the entry's, and the quote and signature sent are kept, so a repeat after a crash
 * is the same request and the server answers it with the first purchase.
 */
public final class PurchaseRequests {

    /** The problem type of a purchase not made because the price rose past what the listener agreed to. */
    public static final String PRICE_CHANGED = "https://normal.dance/problems/price-changed";

    private final LocalStore store;
    private final Outbox outbox;
    private final ApiClient api;
    private final QuoteSigner signer;
    private final ObjectMapper json = ApiClient.mapper();

    /** What the listener asked for: the payload of a PURCHASE entry. */
    public record Request(String trackId, long quantity, long maxTotalMicros) {
    }

    public PurchaseRequests(LocalStore store, Outbox outbox, ApiClient api, QuoteSigner signer) {
        this.store = Objects.requireNonNull(store, "store");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.api = Objects.requireNonNull(api, "api");
        this.signer = Objects.requireNonNull(signer, "signer");
        outbox.register(OutboxEntry.Kind.PURCHASE, this::deliver);
    }

    /**
     * Queues a purchase of {@code quantity} tokens for at most {@code maxTotalMicros}; returns its Idempotency-Key.
     */
    public String request(String trackId, long quantity, long maxTotalMicros) {
        if (quantity < 1 || maxTotalMicros < 1) {
            throw new IllegalArgumentException("a purchase is of at least one token, for more than nothing");
        }
        String key = UUID.randomUUID().toString();
        store.write(c -> {
            outbox.add(c, OutboxEntry.Kind.PURCHASE, "purchase:" + key, key,
                    new Request(trackId, quantity, maxTotalMicros));
            return null;
        });
        return key;
    }

    private String deliver(OutboxEntry entry) {
        Request request = read(entry.payload());
        Optional<String[]> sent = sentWith(entry.idempotencyKey());
        if (sent.isPresent()) {
            try {
                purchase(entry.idempotencyKey(), sent.get()[0], sent.get()[1]);
                return null;
            } catch (ProblemException e) {
                if (!e.problem().type().endsWith("/quote-expired")) {
                    throw e;
                }
                // Never accepted (an expired quote is refused before anything happens): ask again below.
            }
        }
        Quote quote = api.call("POST", "/api/v1/quotes", new QuoteRequest(request.trackId(), request.quantity(),
                signer.wallet()), Quote.class, Map.of(), false);
        if (quote.totalMicros() > request.maxTotalMicros()) {
            throw new ProblemException(new Problem(PRICE_CHANGED, "The price changed", 409, "Not bought: "
                    + request.quantity() + " tokens now cost " + Money.ofMicros(quote.totalMicros()).format()
                    + ", more than the " + Money.ofMicros(request.maxTotalMicros()).format() + " you agreed to.",
                    null, null));
        }
        String signature = signer.sign(quote);
        remember(entry.idempotencyKey(), quote.id(), signature);
        purchase(entry.idempotencyKey(), quote.id(), signature);
        return null;
    }

    private Purchase purchase(String key, String quoteId, String signature) {
        return api.call("POST", "/api/v1/purchases", new PurchaseRequest(quoteId, signature), Purchase.class,
                Map.of("Idempotency-Key", key), true);
    }

    private Optional<String[]> sentWith(String key) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT quote_id, signature FROM purchase_quotes WHERE idempotency_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
                            : Optional.<String[]>empty();
                }
            }
        });
    }

    private void remember(String key, String quoteId, String signature) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO purchase_quotes (idempotency_key, quote_id, "
                    + "signature) VALUES (?, ?, ?) ON CONFLICT (idempotency_key) DO UPDATE SET quote_id = "
                    + "excluded.quote_id, signature = excluded.signature")) {
                ps.setString(1, key);
                ps.setString(2, quoteId);
                ps.setString(3, signature);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Request read(String payload) {
        try {
            return json.readValue(payload, Request.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
